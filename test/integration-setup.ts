// Integration tests start real services and processes: give each test minutes, not seconds.
jest.setTimeout(240_000);

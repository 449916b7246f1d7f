import { parseAbi } from 'viem';

export const erc20Events = parseAbi(['event Transfer(address indexed from, address indexed to, uint256 value)']);

/** ERC-20 metadata and balances. A few old tokens return bytes32 from `symbol`/`name`; such a read fails to decode, handle it per call. */
export const erc20Abi = [
  ...parseAbi([
    'function decimals() view returns (uint8)',
    'function symbol() view returns (string)',
    'function name() view returns (string)',
    'function totalSupply() view returns (uint256)',
    'function balanceOf(address account) view returns (uint256)',
    'function allowance(address owner, address spender) view returns (uint256)',
    'function approve(address spender, uint256 amount) returns (bool)',
    'function transfer(address to, uint256 amount) returns (bool)',
    'event Approval(address indexed owner, address indexed spender, uint256 value)',
  ]),
  ...erc20Events,
] as const;

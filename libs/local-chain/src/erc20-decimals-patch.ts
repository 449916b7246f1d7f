import type { Hex } from 'viem';

const DECIMALS_SELECTOR = '313ce567';
const PUSH1 = 0x60;
const PUSH32 = 0x7f;
const STOPPERS = new Set([0x00, 0x56, 0xf3, 0xfd, 0xfe]); // STOP, JUMP, RETURN, REVERT, INVALID

function opcodeWidth(opcode: number): number {
  return opcode >= PUSH1 && opcode <= PUSH32 ? 1 + opcode - PUSH1 + 1 : 1;
}

/**
 * OpenZeppelin's ERC20PresetMinterPauser has `decimals() == 18` hard-coded. A 6-decimal token
 * (USD₮0, FXRP) is the same published bytecode with that one constant changed: find the
 * dispatcher's jump for `decimals()`, walk its opcodes to the `PUSH1 0x12` it returns, and
 * rewrite the byte in the runtime code embedded in the creation code. Length and everything
 * else stay the same; the deployment checks `decimals()` afterwards.
 */
export function patchErc20Decimals(creationCode: Hex, runtimeCode: Hex, decimals: number): Hex {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255) throw new RangeError(`decimals must be a uint8, got ${decimals}`);
  if (decimals === 18) return creationCode;
  const runtime = runtimeCode.slice(2).toLowerCase();
  const creation = creationCode.slice(2).toLowerCase();
  const runtimeAt = creation.indexOf(runtime);
  if (runtimeAt < 0 || runtimeAt % 2 !== 0) throw new Error('runtime code not found in the creation code');

  // Dispatcher: PUSH4 selector, EQ, PUSH2 dest, JUMPI
  const dispatch = new RegExp(`63${DECIMALS_SELECTOR}1461([0-9a-f]{4})57`).exec(runtime);
  if (!dispatch) throw new Error('decimals() dispatch not found');
  let pc = parseInt(dispatch[1], 16);
  const bytes = Buffer.from(runtime, 'hex');
  if (bytes[pc] !== 0x5b) throw new Error('decimals() jump target is not a JUMPDEST');
  for (let steps = 0; steps < 16 && pc < bytes.length; steps++) {
    const opcode = bytes[pc];
    if (opcode === PUSH1 && bytes[pc + 1] === 18) {
      const hexAt = runtimeAt + (pc + 1) * 2;
      const patched = creation.slice(0, hexAt) + decimals.toString(16).padStart(2, '0') + creation.slice(hexAt + 2);
      return `0x${patched}`;
    }
    if (STOPPERS.has(opcode)) break;
    pc += opcodeWidth(opcode);
  }
  throw new Error('decimals() constant 18 not found');
}

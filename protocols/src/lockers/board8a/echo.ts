/**
 * Echo handling for the 8A/80 board.
 *
 * Many USB–RS-485 adapters hand back every byte we send (half-duplex
 * without echo suppression), and this board answers a failed open with
 * bytes identical to the open request (`8A 01 01 11 9B`). One frame equal to
 * the request therefore cannot tell "echo" from "failed". The rule a driver
 * follows, with the outcomes it leads to:
 *
 * | adapter echoes | board answers | frames seen after the request    | outcome        |
 * |----------------|---------------|----------------------------------|----------------|
 * | yes            | opened        | echo, `8A BB LL 00`              | opened         |
 * | yes            | failed        | echo, copy of request            | failed         |
 * | no             | opened        | `8A BB LL 00`                    | opened         |
 * | no             | failed        | copy of request (taken as echo)  | timeout → not opened |
 *
 * The first frame equal to the request is the echo; any later frame,
 * including a second copy, is the reply. Every path that ends without an
 * `opened` reply means the door stayed shut, so treating a timeout after an
 * echo as "not opened" is safe. When the adapter is known not to echo, say
 * so (`adapterEchoes: false`) and the first copy is taken as the reply.
 */

export function isEchoOf(frame: Uint8Array, request: Uint8Array): boolean {
  return frame.length === request.length && frame.every((byte, index) => byte === request[index]);
}

export interface EchoFilterOptions {
  /** Whether the RS-485 adapter returns our own bytes. Defaults to true, the safe assumption. */
  readonly adapterEchoes?: boolean;
}

/** Classifies the frames that arrive after one request: at most one echo, then replies. */
export class Board8aEchoFilter {
  readonly #request: Uint8Array;
  #awaitingEcho: boolean;

  constructor(request: Uint8Array, options: EchoFilterOptions = {}) {
    this.#request = request.slice();
    this.#awaitingEcho = options.adapterEchoes ?? true;
  }

  classify(frame: Uint8Array): "echo" | "reply" {
    if (this.#awaitingEcho && isEchoOf(frame, this.#request)) {
      this.#awaitingEcho = false;
      return "echo";
    }
    return "reply";
  }
}

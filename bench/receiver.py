"""``python -m bench.receiver --port N [--hang]``: a push receiver in its own process.

It answers every POST with 200 and an empty body (what counts as delivered), or with ``--hang``
accepts connections and reads requests but never answers, as a receiver stuck on a database lock.
Plain asyncio, so its own cost stays far below the emulator's.
"""
from __future__ import annotations

import argparse
import asyncio

ANSWER = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, hang: bool) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            if not hang:
                writer.write(ANSWER)
                await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def _main(port: int, hang: bool) -> None:
    server = await asyncio.start_server(lambda r, w: _serve(r, w, hang), "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--hang", action="store_true")
    args = parser.parse_args()
    asyncio.run(_main(args.port, args.hang))


if __name__ == "__main__":
    main()

"""Start-up probe, run as its own process: the bot's imports, the engine, the model, the index,
one /ask answered. Prints its peak memory as JSON; the caller times the whole process."""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
from pathlib import Path


async def _ready(db: Path, parties: Path, question: str) -> int:
    import discord  # noqa: F401  (the bot imports it before anything else)

    from bot.engine import open_engine
    from bot.search import ask, warm_up
    from bot.settings import load_settings

    engine = await open_engine(load_settings(db=db, parties=parties))
    try:
        encoder = engine.encoder()
        await warm_up(engine.db, encoder)
        return len(await ask(engine.db, encoder, question))
    finally:
        await engine.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--parties", type=Path, required=True)
    parser.add_argument("--question", required=True)
    args = parser.parse_args()
    hits = asyncio.run(_ready(args.db, args.parties, args.question))
    json.dump({"hits": hits, "peak_bytes": peak_bytes()}, sys.stdout)


def peak_bytes() -> int:
    """This program's own peak (VmHWM): ru_maxrss would carry the forking parent's over exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


if __name__ == "__main__":
    main()

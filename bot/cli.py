"""`negobot`: the command line, a mirror of the engine's Python API.

Heavy imports (the embedding model, discord.py) happen inside the commands that need them, so
`negobot position` answers without loading either.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot import textout
from bot.engine import Engine, open_engine
from bot.manifest import ManifestError
from bot.models import Source
from bot.parties import UnknownName
from bot.settings import Settings, load_settings
from storage import SchemaError

Handler = Callable[[Engine, argparse.Namespace], Awaitable[int]]


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(text)


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


async def cmd_index(engine: Engine, args: argparse.Namespace) -> int:
    from bot.ingest import IngestOutcome, ingest_paths, progress_printer

    urls = [p for p in args.paths if _is_url(p)]
    fetched: list[IngestOutcome] = []
    if urls:
        from bot.feeds import ingest_url
        from bot.fetch import FetchPolicy

        policy = FetchPolicy.from_settings(engine.settings)
        for url in urls:
            outcome = await ingest_url(
                engine.db, url, encoder=engine.encoder(), book=engine.book, policy=policy
            )
            fetched.append(outcome)
            if outcome.status in ("error", "duplicate"):
                print(f"skipped {outcome.line()}", file=sys.stderr)
    on_total, on_progress = progress_printer()
    report = await ingest_paths(
        engine.db,
        [p for p in args.paths if not _is_url(p)],
        encoder=engine.encoder(),
        book=engine.book,
        max_bytes=engine.settings.max_file_bytes,
        on_progress=on_progress,
        on_total=on_total,
    )
    report.outcomes.extend(fetched)
    print(f"Indexed into {engine.settings.db}: {report.summary()}", file=sys.stderr)
    if not args.quiet:
        print(textout.sources(await _sources(engine)))
    return (
        1
        if report.errors
        and not any(
            o.status in ("indexed", "replaced", "updated", "unchanged") for o in report.outcomes
        )
        else 0
    )


async def _sources(engine: Engine) -> list[Source]:
    from bot.positions import sources

    return await sources(engine.db)


async def cmd_sources(engine: Engine, args: argparse.Namespace) -> int:
    rows = await _sources(engine)
    _emit(args, [r.to_json() for r in rows], textout.sources(rows))
    return 0


async def cmd_search(engine: Engine, args: argparse.Namespace) -> int:
    from bot.search import ask

    found = await ask(engine.db, engine.encoder(), args.text, args.k)
    _emit(args, [h.to_json() for h in found], textout.hits(found, args.text))
    return 0


async def cmd_position(engine: Engine, args: argparse.Namespace) -> int:
    from bot.positions import position

    result = await position(engine.db, engine.book, args.party, args.topic, args.limit)
    _emit(args, result.to_json(), textout.position(result))
    return 0


async def cmd_compare(engine: Engine, args: argparse.Namespace) -> int:
    from bot.positions import compare

    result = await compare(engine.db, engine.book, args.party_names, args.topic)
    _emit(args, result.to_json(), textout.compare(result))
    return 0


async def cmd_timeline(engine: Engine, args: argparse.Namespace) -> int:
    from bot.positions import timeline

    result = await timeline(engine.db, engine.book, args.party, args.topic, args.limit)
    _emit(args, result.to_json(), textout.timeline(result))
    return 0


async def cmd_status(engine: Engine, args: argparse.Namespace) -> int:
    from bot.positions import status

    result = await status(engine.db, engine.book)
    _emit(args, result.to_json(), textout.status(result))
    return 0


async def cmd_attribute(engine: Engine, args: argparse.Namespace) -> int:
    from bot.ingest import attribute_file

    statements = attribute_file(
        Path(args.file), engine.book, engine.encoder(), engine.settings.max_file_bytes
    )
    _emit(
        args,
        {"statements": statements},
        "\n\n".join(textout.attributed(s, i) for i, s in enumerate(statements, 1))
        or "No attributed statement found.",
    )
    return 0


async def cmd_evaluate(engine: Engine, args: argparse.Namespace) -> int:
    from bot.evaluate import default_gold_paths, evaluate_all

    report = evaluate_all(default_gold_paths(), engine.book, engine.encoder())
    _emit(args, report.to_json(), report.format())
    return 0


async def cmd_feeds(engine: Engine, args: argparse.Namespace) -> int:
    from bot import feeds

    if args.feeds_command == "add":
        try:
            feed = await feeds.add_feed(engine.db, args.url, args.keyword)
        except ValueError as exc:
            print(f"negobot: {exc}", file=sys.stderr)
            return 2
        print(f"Following {feed.url}")
        return 0
    if args.feeds_command == "remove":
        if await feeds.remove_feed(engine.db, args.url):
            print(f"No longer following {args.url}")
            return 0
        print(f"negobot: not following {args.url}", file=sys.stderr)
        return 1
    if args.feeds_command == "poll":
        from bot.fetch import FetchPolicy

        results = await feeds.poll_due(
            engine.db,
            encoder=engine.encoder(),
            book=engine.book,
            policy=FetchPolicy.from_settings(engine.settings),
            only_due=False,
        )
        for result in results:
            print(result.line())
        return 0
    followed = await feeds.list_feeds(engine.db)
    _emit(
        args,
        [f.to_json() for f in followed],
        textout.table(
            [f.to_json() for f in followed],
            ["url", "last_status", "consecutive_errors", "next_poll", "entries_indexed"],
        )
        if followed
        else "No feeds followed. Add one: negobot feeds add URL",
    )
    return 0


async def cmd_watch(engine: Engine, args: argparse.Namespace) -> int:
    from bot.watch import watch_folder

    await watch_folder(
        engine.db,
        Path(args.folder),
        encoder=engine.encoder(),
        book=engine.book,
        interval=args.interval,
        max_bytes=engine.settings.max_file_bytes,
        on_outcome=lambda outcome: print(outcome.line(), flush=True),
    )
    return 0


COMMANDS: dict[str, Handler] = {
    "index": cmd_index,
    "sources": cmd_sources,
    "search": cmd_search,
    "position": cmd_position,
    "compare": cmd_compare,
    "timeline": cmd_timeline,
    "status": cmd_status,
    "attribute": cmd_attribute,
    "evaluate": cmd_evaluate,
    "feeds": cmd_feeds,
    "watch": cmd_watch,
}


def build_parser() -> argparse.ArgumentParser:
    # SUPPRESS: given before or after the command, an option is never reset by the other parser.
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--db", type=Path, help="database file (default: per-user data folder)")
    common.add_argument("--parties", type=Path, help="parties TOML file")
    common.add_argument("--model", help="embedding model: a folder or an installed model package")
    reads = argparse.ArgumentParser(add_help=False)
    reads.add_argument("--json", action="store_true", help="print JSON")

    parser = argparse.ArgumentParser(
        prog="negobot",
        description="Who said what, and when: each party's latest stated position, verbatim.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str, *, read: bool = True) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            parents=[common, reads] if read else [common],
        )

    p = add("index", "index article files, folders (.txt, .md, .html) and article URLs", read=False)
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print the sources table")
    add("sources", "what is indexed, with dates and where each date came from")
    p = add("search", "the indexed sentences nearest in meaning to a text")
    p.add_argument("text")
    p.add_argument("-k", type=int, default=5, help="how many sentences (default 5)")
    p = add("position", "a party's statements, latest first")
    p.add_argument("party")
    p.add_argument("--topic")
    p.add_argument("--limit", type=int, default=10)
    p = add("compare", "parties side by side, topic by topic")
    p.add_argument("party_names", nargs="+", metavar="PARTY")
    p.add_argument("--topic")
    p = add("timeline", "a party's statements over time, marking stance changes")
    p.add_argument("party")
    p.add_argument("--topic")
    p.add_argument("--limit", type=int, default=50)
    add("status", "each party's latest position, where they differ, what is new")
    p = add("attribute", "the statements found in one article file")
    p.add_argument("file")
    add("evaluate", "precision and recall of attribution against the hand-labelled gold data")
    p = add("feeds", "follow RSS and Atom feeds", read=False)
    feeds = p.add_subparsers(dest="feeds_command", required=True, metavar="ACTION")
    q = feeds.add_parser("add", help="follow a feed")
    q.add_argument("url")
    q.add_argument("--keyword", action="append", default=[], help="index only matching entries")
    q = feeds.add_parser("remove", help="stop following a feed")
    q.add_argument("url")
    feeds.add_parser("poll", help="poll every feed now")
    q = feeds.add_parser("list", help="followed feeds and their state")
    q.add_argument("--json", action="store_true", help="print JSON")
    p = add("watch", "index what is dropped into a folder, until interrupted", read=False)
    p.add_argument("folder")
    p.add_argument("--interval", type=float, default=5.0, help="seconds between scans")
    p = add("run", "start the Discord bot (token from DISCORD_TOKEN)", read=False)
    p = add("sync", "register the slash commands with Discord", read=False)
    p.add_argument("--guild", type=int, help="a server id, for instant registration there only")
    return parser


async def _discord(settings: Settings, args: argparse.Namespace) -> int:
    import discord

    from bot.client import run_bot, sync_commands

    discord.utils.setup_logging()
    if args.command == "run":
        return await run_bot(settings)
    return await sync_commands(settings, args.guild)


async def _run(settings: Settings, args: argparse.Namespace) -> int:
    if args.command in ("run", "sync"):
        return await _discord(settings, args)
    corpus = getattr(args, "paths", [])
    try:
        engine = await open_engine(settings, [p for p in corpus if Path(p).is_dir()])
    except (ValueError, OSError, SchemaError) as exc:
        print(f"negobot: {exc}", file=sys.stderr)
        return 1
    try:
        return await COMMANDS[args.command](engine, args)
    finally:
        await engine.close()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = load_settings(
        db=getattr(args, "db", None),
        parties=getattr(args, "parties", None),
        model=getattr(args, "model", None),
    )
    try:
        return asyncio.run(_run(settings, args))
    except UnknownName as exc:
        print(f"negobot: {exc}", file=sys.stderr)
        return 2
    except ManifestError as exc:
        print(f"negobot: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("negobot: interrupted; every finished document is saved", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

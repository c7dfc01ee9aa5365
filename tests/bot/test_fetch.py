"""Downloads against a real HTTP server on 127.0.0.1: what is fetched, what is refused, and why."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
import pytest_asyncio
from aiohttp import web

from bot.fetch import USER_AGENT, Fetcher, FetchError, FetchPolicy, ForbiddenAddress, parse_networks

LOOPBACK = parse_networks("127.0.0.1/32")
BIG = b"x" * 100_000


@dataclass
class Server:
    base: str
    port: int
    hits: list[str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def make_app(server: Server) -> web.Application:
    async def record(request: web.Request, handler):  # type: ignore[no-untyped-def]
        server.hits.append(request.path_qs)
        server.headers.append(dict(request.headers))
        return await handler(request)

    async def article(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304, headers={"ETag": '"v1"'})
        return web.Response(
            text="<html><body><p>Talks resumed.</p></body></html>",
            content_type="text/html",
            headers={"ETag": '"v1"', "Last-Modified": "Mon, 06 May 2024 10:00:00 GMT"},
        )

    async def big(request: web.Request) -> web.Response:
        return web.Response(body=BIG, content_type="text/html")

    async def big_streamed(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.enable_chunked_encoding()  # no Content-Length: only counting can stop it
        await response.prepare(request)
        for _ in range(10):
            await response.write(BIG[:10_000])
        await response.write_eof()
        return response

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.Response(text="too late")

    async def redirect(request: web.Request) -> web.Response:
        target = request.query["to"].replace("PORT", str(server.port))
        raise web.HTTPFound(target)

    async def chain(request: web.Request) -> web.Response:
        left = int(request.match_info["n"])
        raise web.HTTPFound("/article" if left == 0 else f"/chain/{left - 1}")

    async def missing(request: web.Request) -> web.Response:
        raise web.HTTPNotFound()

    app = web.Application(middlewares=[web.middleware(record)])
    app.router.add_get("/article", article)
    app.router.add_get("/big", big)
    app.router.add_get("/big-streamed", big_streamed)
    app.router.add_get("/slow", slow)
    app.router.add_get("/redirect", redirect)
    app.router.add_get("/chain/{n}", chain)
    app.router.add_get("/missing", missing)
    return app


@pytest_asyncio.fixture(loop_scope="function")
async def server() -> AsyncIterator[Server]:
    server = Server("", 0)
    runner = web.AppRunner(make_app(server), shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server.port = runner.addresses[0][1]
    server.base = f"http://127.0.0.1:{server.port}"
    yield server
    await runner.cleanup()


def policy(**overrides: object) -> FetchPolicy:
    return FetchPolicy(**{"allowed_networks": LOOPBACK, "timeout": 2.0, **overrides})  # type: ignore[arg-type]


async def get(url: str, pol: FetchPolicy | None = None, **conditional: str):  # type: ignore[no-untyped-def]
    async with Fetcher(pol or policy()) as fetcher:
        return await fetcher.get(url, **conditional)


async def test_fetches_a_page_with_validators_and_names_the_bot(server: Server) -> None:
    result = await get(server.url("/article"))
    assert result.status == 200
    assert b"Talks resumed." in result.body
    assert result.etag == '"v1"'
    assert result.last_modified == "Mon, 06 May 2024 10:00:00 GMT"
    assert server.headers[-1]["User-Agent"] == USER_AGENT


async def test_conditional_request_gets_not_modified(server: Server) -> None:
    result = await get(server.url("/article"), etag='"v1"', last_modified="Mon, 06 May 2024")
    assert result.not_modified
    assert result.body == b""
    assert server.headers[-1]["If-None-Match"] == '"v1"'
    assert server.headers[-1]["If-Modified-Since"] == "Mon, 06 May 2024"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/"])
async def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(ForbiddenAddress, match="only http and https"):
        await get(url)


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[fd00:ec2::254]/latest/meta-data/", "cloud metadata"),
        ("http://10.0.0.1/admin", "private"),
        ("http://[::ffff:192.168.1.1]/", "private"),
        ("http://[::1]:PORT/article", "loopback"),
        ("http://0.0.0.0:PORT/article", "unspecified"),
        ("file:///etc/passwd", "only http and https"),
    ],
)
async def test_redirect_to_a_forbidden_address_is_refused(
    server: Server, target: str, reason: str
) -> None:
    """127.0.0.1 is allowed for the test server; every other internal address stays refused."""
    with pytest.raises(ForbiddenAddress, match=reason):
        await get(server.url(f"/redirect?to={target}"))


async def test_host_names_are_checked_where_they_are_resolved(server: Server) -> None:
    """`localhost` is a name, not a literal address: the resolver itself must refuse it."""
    before = len(server.hits)
    with pytest.raises(ForbiddenAddress, match="localhost resolves to a refused address"):
        await get(f"http://localhost:{server.port}/article", FetchPolicy(timeout=2.0))
    assert len(server.hits) == before  # nothing reached the server


async def test_allowed_redirects_are_followed_up_to_the_limit(server: Server) -> None:
    result = await get(server.url("/chain/4"))
    assert result.url == server.url("/article")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        await get(server.url("/chain/5"))


async def test_allow_private_opens_internal_addresses_but_never_metadata(server: Server) -> None:
    private = FetchPolicy(allow_private=True, timeout=2.0)
    result = await get(f"http://localhost:{server.port}/article", private)
    assert result.status == 200
    with pytest.raises(ForbiddenAddress, match="cloud metadata"):
        await get(server.url("/redirect?to=http://169.254.169.254/"), private)


@pytest.mark.parametrize("path", ["/big", "/big-streamed"])
async def test_a_body_over_the_cap_is_an_error(server: Server, path: str) -> None:
    with pytest.raises(FetchError, match="over the 50,000-byte limit"):
        await get(server.url(path), policy(max_bytes=50_000))
    assert len((await get(server.url(path), policy(max_bytes=200_000))).body) == 100_000


async def test_a_slow_server_times_out_quickly(server: Server) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0\.3 s"):
        await get(server.url("/slow"), policy(timeout=0.3))
    assert time.monotonic() - start < 2


async def test_http_errors_are_reported_with_their_status(server: Server) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        await get(server.url("/missing"))


def test_policy_from_settings_reads_the_operator_choices(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot.settings import Settings

    monkeypatch.setenv("NEGOBOT_FETCH_ALLOWED_NETWORKS", '["10.1.2.0/24", "fd12::/16"]')
    monkeypatch.setenv("NEGOBOT_FETCH_MAX_BYTES", "1234")
    monkeypatch.setenv("NEGOBOT_FETCH_TIMEOUT", "3.5")
    monkeypatch.setenv("NEGOBOT_FEED_POLL_MINUTES", "15")
    pol = FetchPolicy.from_settings(Settings())
    assert pol.refusal("10.1.2.3") is None
    assert pol.refusal("10.1.3.1") is not None
    assert pol.refusal("fd12::1") is None
    assert (pol.max_bytes, pol.timeout, pol.feed_poll_minutes) == (1234, 3.5, 15)

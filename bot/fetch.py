"""Downloading pages and feeds without becoming a way into the machine the bot runs on.

Whoever can add a feed or paste a link chooses the URLs this process requests, so every
request is treated as hostile: only http(s), never an address inside the host's networks
(loopback, private, link-local, cloud metadata...) unless the operator lists it, a size cap
counted on the decompressed body, one deadline for the whole download, and redirects followed
by hand so every hop is checked again. Host names are checked in the resolver the connection
uses, so the address that was checked is the address connected to (no DNS rebinding between
a check and the connection).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from yarl import URL

if TYPE_CHECKING:
    from bot.settings import Settings

USER_AGENT = "negobot/0.1 (+https://github.com/negobot/negobot)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Cloud instance-metadata endpoints hand out credentials; `allow_private` never opens them,
# only an explicit entry in `allowed_networks` does.
METADATA_NETWORKS: tuple[IPNetwork, ...] = (
    ipaddress.ip_network("169.254.169.254/32"),
    ipaddress.ip_network("fd00:ec2::254/128"),
)


class FetchError(Exception):
    """A download that failed or was refused; the message says why in words a user can act on."""


class ForbiddenAddress(FetchError):
    """The URL points (or redirects, or resolves) somewhere the policy does not allow."""


class _RefusedByResolver(OSError):
    """Raised inside aiohttp's resolver; aiohttp wraps OSErrors, so it is unwrapped in `get`."""


@dataclass(frozen=True)
class FetchPolicy:
    """What a download may do. `allowed_networks` are exceptions the operator lists explicitly
    (say, an intranet feed server); they are how tests reach their own server on 127.0.0.1
    while every other internal address stays refused."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()
    max_bytes: int = 5_000_000
    timeout: float = 20.0
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    feed_poll_minutes: float = 30.0  # how often a healthy feed is fetched

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        return cls(
            allow_private=settings.fetch_allow_private,
            allowed_networks=parse_networks(settings.fetch_allowed_networks),
            max_bytes=settings.fetch_max_bytes,
            timeout=settings.fetch_timeout,
            feed_poll_minutes=settings.feed_poll_minutes,
        )

    def refusal(self, address: str) -> str | None:
        """Why a connection to `address` is refused, or None when it is allowed."""
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address):
            # An IPv4 address wrapped in IPv6 (mapped, 6to4, Teredo) reaches that IPv4 host.
            embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
            if embedded is not None:
                if any(ip in net for net in self.allowed_networks):
                    return None
                ip = embedded
        if any(ip in net for net in self.allowed_networks):
            return None
        if any(ip in net for net in METADATA_NETWORKS):
            return f"{ip} is a cloud metadata address"
        if ip.is_multicast or ip.is_unspecified:
            return f"{ip} is {_kind_of_address(ip)}"
        if self.allow_private:
            return None
        if not ip.is_global or ip.is_reserved:
            return f"{ip} is {_kind_of_address(ip)}, not a public address"
        return None


def parse_networks(values: Iterable[str] | str) -> tuple[IPNetwork, ...]:
    """Networks from settings: a list, or one comma-separated string ("127.0.0.1/32, ::1")."""
    if isinstance(values, str):
        values = values.split(",")
    return tuple(ipaddress.ip_network(v.strip(), strict=False) for v in values if v.strip())


def _kind_of_address(ip: IPAddress) -> str:
    for attribute, words in (
        ("is_unspecified", "an unspecified address"),
        ("is_multicast", "a multicast address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    ):
        if getattr(ip, attribute):
            return words
    return "a non-public address"


@dataclass(frozen=True)
class FetchResult:
    """A completed download; `status` is 200-299, or 304 when the conditional request matched."""

    url: str  # after redirects
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _GuardedResolver(AbstractResolver):
    """Resolves like aiohttp does, then drops every address the policy refuses."""

    def __init__(self, policy: FetchPolicy) -> None:
        self._policy = policy
        self._inner = DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        allowed = [r for r in results if self._policy.refusal(r["host"]) is None]
        if not allowed:
            why = dict.fromkeys(str(self._policy.refusal(r["host"])) for r in results)
            reasons = "; ".join(why)
            raise _RefusedByResolver(f"{host} resolves to a refused address: {reasons}")
        return allowed

    async def close(self) -> None:
        await self._inner.close()


class Fetcher:
    """One HTTP session under one policy: `async with Fetcher(policy) as f: await f.get(url)`."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        connector = aiohttp.TCPConnector(resolver=_GuardedResolver(self.policy), limit=8)
        self._session = aiohttp.ClientSession(
            connector=connector,
            headers={"User-Agent": self.policy.user_agent},
            trust_env=False,  # a proxy would connect on our behalf to addresses never checked
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=self.policy.timeout),
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET `url` within the policy; raises FetchError (ForbiddenAddress when refused)."""
        if self._session is None:
            raise RuntimeError("use the Fetcher inside `async with`")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            async with asyncio.timeout(self.policy.timeout):
                return await self._follow(url, headers)
        except TimeoutError as exc:
            raise FetchError(f"timed out after {self.policy.timeout:g} s") from exc
        except aiohttp.ClientConnectorDNSError as exc:
            if isinstance(exc.__cause__, _RefusedByResolver):
                raise ForbiddenAddress(f"refused: {exc.__cause__}") from exc
            raise FetchError(f"cannot resolve {exc.host}") from exc
        except aiohttp.ClientError as exc:
            raise FetchError(f"connection failed: {exc}") from exc

    async def _follow(self, url: str, headers: dict[str, str]) -> FetchResult:
        assert self._session is not None
        for _ in range(self.policy.max_redirects + 1):
            target = self.check_url(url)
            async with self._session.get(
                target, headers=headers, allow_redirects=False, auto_decompress=True
            ) as response:
                if response.status in REDIRECT_STATUSES:
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(f"HTTP {response.status} redirect without a Location")
                    url = urljoin(str(response.url), location)
                    continue
                if response.status != 304 and not 200 <= response.status < 300:
                    raise FetchError(f"HTTP {response.status} {response.reason or ''}".strip())
                body = b"" if response.status == 304 else await self._read_capped(response)
                return FetchResult(
                    url=str(response.url),
                    status=response.status,
                    body=body,
                    content_type=response.headers.get("Content-Type"),
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                )
        raise FetchError(f"more than {self.policy.max_redirects} redirects")

    def check_url(self, url: str) -> URL:
        """The URL to request, if its scheme and (literal) address are allowed.

        Host names are checked when they are resolved; literal addresses never reach the
        resolver, so they are checked here.
        """
        try:
            parsed = URL(url)
        except ValueError as exc:
            raise FetchError(f"not a valid URL: {url!r}") from exc
        if parsed.scheme not in ("http", "https"):
            scheme = parsed.scheme or url
            raise ForbiddenAddress(f"refused: only http and https URLs, not {scheme!r}")
        host = parsed.raw_host
        if not host:
            raise FetchError(f"URL has no host: {url!r}")
        try:
            literal = ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
        except ValueError:
            literal = None
        if literal is not None and (why := self.policy.refusal(str(literal))) is not None:
            raise ForbiddenAddress(f"refused: {why}")
        return parsed.with_fragment(None)

    async def _read_capped(self, response: aiohttp.ClientResponse) -> bytes:
        cap = self.policy.max_bytes
        declared = response.content_length
        if declared is not None and declared > cap:
            raise FetchError(f"response is {declared:,} bytes, over the {cap:,}-byte limit")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_chunked(65536):
            size += len(chunk)
            if size > cap:
                raise FetchError(f"response is over the {cap:,}-byte limit")
            chunks.append(chunk)
        return b"".join(chunks)

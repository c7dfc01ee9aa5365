"""A small Discord served on 127.0.0.1 for the real discord.py client.

It answers the REST calls negobot makes, runs a gateway websocket (HELLO, READY, GUILD_CREATE,
then whatever events a test dispatches), and records every request. Each request body is
validated against Discord's own OpenAPI description plus the limits the spec leaves out, so a
message Discord would reject fails the test here instead of in production.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from aiohttp import WSMsgType, web

SPEC_PATH = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "discord-api-spec" / "openapi.json"
)

APP_ID = 900000000000000001
BOT_ID = 900000000000000002
OWNER_ID = 900000000000000003
GUILD_ID = 900000000000000010
CHANNEL_ID = 900000000000000011  # the text channel every test server has
MANAGE_GUILD = 1 << 5
ADMIN_PERMISSIONS = (1 << 53) - 1
EVERYONE_PERMISSIONS = 1 << 10 | 1 << 11 | 1 << 16  # view channel, send messages, read history
CHANNEL_TYPES = {"text": 0, "dm": 1}


def user_object(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
    }


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    body: Any

    @property
    def embeds(self) -> list[dict[str, Any]]:
        payload = message_payload(self.body)
        return list(payload.get("embeds") or []) if payload else []

    @property
    def content(self) -> str:
        payload = message_payload(self.body)
        return (payload.get("content") or "") if payload else ""

    @property
    def flags(self) -> int:
        payload = message_payload(self.body)
        return int(payload.get("flags") or 0) if payload else 0

    def text(self) -> str:
        """Everything a reader sees in this request: content and every embed's text."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            parts += [embed.get("author", {}).get("name") or ""]
            for f in embed.get("fields") or []:
                parts += [f.get("name") or "", f.get("value") or ""]
            parts.append((embed.get("footer") or {}).get("text") or "")
        return "\n".join(p for p in parts if p)


def message_payload(body: Any) -> dict[str, Any] | None:
    """The message part of a request body, whether sent directly or in an interaction callback."""
    if not isinstance(body, dict):
        return None
    if "type" in body and "data" in body and isinstance(body["data"], dict):
        return body["data"]
    if "type" in body and "data" not in body:
        return None
    return body


@cache
def _spec() -> dict[str, Any]:
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


@cache
def _routes() -> list[tuple[re.Pattern[str], str, int]]:
    """Spec path templates as regexes, literal segments preferred over parameters."""
    routes = []
    for template in _spec()["paths"]:
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        literal = sum(1 for part in template.split("/") if part and not part.startswith("{"))
        routes.append((re.compile(f"^{pattern}$"), template, literal))
    routes.sort(key=lambda r: -r[2])
    return routes


def spec_template(path: str) -> str | None:
    return next((template for rx, template, _ in _routes() if rx.match(path)), None)


@cache
def _validator(template: str, method: str) -> jsonschema.protocols.Validator | None:
    operation = _spec()["paths"][template][method.lower()]
    body = operation.get("requestBody")
    if body is None:
        return None
    schema = dict(body["content"]["application/json"]["schema"])
    schema["components"] = _spec()["components"]
    return jsonschema.Draft202012Validator(schema)


def check_limits(body: Any) -> list[str]:
    """Limits Discord enforces that the spec does not state."""
    payload = message_payload(body)
    if payload is None:
        return []
    problems = []
    content = payload.get("content") or ""
    if len(content) > 2000:
        problems.append(f"content of {len(content)} characters (max 2000)")
    embeds = payload.get("embeds") or []
    if len(embeds) > 10:
        problems.append(f"{len(embeds)} embeds (max 10)")
    total = 0
    for embed in embeds:
        total += len(embed.get("title") or "") + len(embed.get("description") or "")
        total += len((embed.get("footer") or {}).get("text") or "")
        total += len((embed.get("author") or {}).get("name") or "")
        for f in embed.get("fields") or []:
            total += len(f.get("name") or "") + len(f.get("value") or "")
    if total > 6000:
        problems.append(f"{total} characters across embeds (max 6000)")
    if content or embeds:
        mentions = payload.get("allowed_mentions")
        if not mentions or mentions.get("parse") != [] or mentions.get("users"):
            problems.append(f"allowed_mentions {mentions!r} could ping someone")
    return problems


@dataclass
class Failure:
    """An error status planned for one request (see `FakeDiscord.fail_once`)."""

    method: str
    path: str
    status: int
    after: int  # matching requests to let through first

    def strikes(self, record: Recorded) -> bool:
        """Whether this request is the one to fail; counts down the ones let through."""
        if record.method != self.method or record.path != self.path:
            return False
        self.after -= 1
        return self.after < 0


@dataclass
class FakeDiscord:
    """One application, one server with one text channel, and any number of users."""

    token: str = "fake-token"
    owner_id: int = OWNER_ID
    requests: list[Recorded] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    channels: dict[int, dict[str, Any]] = field(default_factory=dict)
    forbidden_channels: set[int] = field(default_factory=set)
    attachments: dict[str, bytes] = field(default_factory=dict)  # by attachment id
    failures: list[Failure] = field(default_factory=list)
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    gateway_connections: int = 0
    _interactions: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._ids = itertools.count(910000000000000000)
        self._seq = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self._ready = asyncio.Event()
        self._activity = asyncio.Event()
        self.channels[CHANNEL_ID] = self._text_channel(CHANNEL_ID, "general")
        app = web.Application(client_max_size=50_000_000)
        app.router.add_get("/", self._gateway)
        app.router.add_get("/attachments/{id}/{name}", self._attachment)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        self.port = 0

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        await self._runner.cleanup()

    @property
    def rest_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    def next_id(self) -> int:
        return next(self._ids)

    # -- gateway ---------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        self.gateway_connections += 1
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                data = json.loads(msg.data)
                if data["op"] == 1:
                    await ws.send_json({"op": 11})
                elif data["op"] == 2:
                    await self._on_identify(ws, data["d"])
        finally:
            self._sockets.remove(ws)
        return ws

    async def _on_identify(self, ws: web.WebSocketResponse, identify: dict[str, Any]) -> None:
        if identify["intents"] & (1 << 1 | 1 << 8 | 1 << 15):
            self.problems.append(f"privileged intents requested: {identify['intents']}")
        ready = {
            "v": 10,
            "user": user_object(BOT_ID, "negobot", bot=True),
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
            "session_id": "fake-session",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APP_ID), "flags": 0},
        }
        await self._dispatch(ws, "READY", ready)
        await self._dispatch(ws, "GUILD_CREATE", self._guild())

    async def _dispatch(self, ws: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        await ws.send_json({"op": 0, "t": event, "s": next(self._seq), "d": data})

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        for ws in self._sockets:
            await self._dispatch(ws, event, data)

    def _text_channel(self, channel_id: int, name: str) -> dict[str, Any]:
        return {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(GUILD_ID),
            "name": name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "topic": None,
            "last_message_id": None,
            "parent_id": None,
            "rate_limit_per_user": 0,
        }

    def _guild(self) -> dict[str, Any]:
        return {
            "id": str(GUILD_ID),
            "name": "Test Server",
            "owner_id": str(self.owner_id),
            "icon": None,
            "unavailable": False,
            "member_count": 3,
            "large": False,
            "features": [],
            "roles": [
                {
                    "id": str(GUILD_ID),
                    "name": "@everyone",
                    "permissions": str(EVERYONE_PERMISSIONS),
                    "position": 0,
                    "color": 0,
                    "hoist": False,
                    "managed": False,
                    "mentionable": False,
                    "flags": 0,
                }
            ],
            "channels": [c for c in self.channels.values() if c["type"] == 0],
            "members": [
                {
                    "user": user_object(BOT_ID, "negobot", bot=True),
                    "roles": [],
                    "joined_at": "2024-01-01T00:00:00+00:00",
                    "deaf": False,
                    "mute": False,
                    "flags": 0,
                }
            ],
            "emojis": [],
            "stickers": [],
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "system_channel_id": None,
            "afk_timeout": 300,
            "nsfw_level": 0,
        }

    # -- REST ------------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            if request.content_type == "application/json":
                body = json.loads(raw)
            else:
                self.problems.append(
                    f"{request.method} {path}: body sent as {request.content_type}"
                )
        tokened = not path.startswith(("/interactions/", "/webhooks/"))
        if tokened and request.headers.get("Authorization") != f"Bot {self.token}":
            return web.Response(
                status=401,
                body=json.dumps({"message": "401: Unauthorized", "code": 0}),
                headers={"Content-Type": "application/json"},
            )
        record = Recorded(request.method, path, dict(request.query), body)
        self.requests.append(record)
        self._validate(record)
        self._activity.set()
        failure = next((f for f in self.failures if f.strikes(record)), None)
        if failure is not None:
            self.failures.remove(failure)
            return web.Response(
                status=failure.status,
                body=json.dumps({"message": f"{failure.status}: injected", "code": 0}),
                headers={"Content-Type": "application/json"},
            )
        try:
            status, reply = self._answer(record)
        except KeyError as exc:
            status, reply = 404, {"message": f"Unknown {exc}", "code": 10003}
        if status == 204:
            return web.Response(status=204)
        return web.Response(
            status=status, body=json.dumps(reply), headers={"Content-Type": "application/json"}
        )

    def _validate(self, record: Recorded) -> None:
        template = spec_template(record.path)
        if template is None:
            self.problems.append(f"{record.method} {record.path}: not in Discord's API")
            return
        if record.method.lower() not in _spec()["paths"][template]:
            self.problems.append(f"{record.method} {template}: method not in Discord's API")
            return
        if record.body is not None:
            validator = _validator(template, record.method)
            if validator is None:
                self.problems.append(f"{record.method} {template}: takes no body")
            else:
                error = jsonschema.exceptions.best_match(validator.iter_errors(record.body))
                if error is not None:
                    self.problems.append(
                        f"{record.method} {template}: {error.json_path} fails"
                        f" {error.validator} {str(error.validator_value)[:100]}"
                    )
        self.problems.extend(f"{record.method} {template}: {p}" for p in check_limits(record.body))

    def _answer(self, r: Recorded) -> tuple[int, Any]:
        m, p = r.method, r.path
        if m == "GET" and p == "/users/@me":
            return 200, user_object(BOT_ID, "negobot", bot=True)
        if m == "GET" and p == "/oauth2/applications/@me":
            return 200, self._application()
        if m == "PUT" and (hit := re.fullmatch(r"/applications/\d+(/guilds/(\d+))?/commands", p)):
            scope = hit.group(2) or "global"
            self.commands[scope] = r.body
            return 200, [self._command(c, hit.group(2)) for c in r.body]
        if m == "POST" and (hit := re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", p)):
            return 200, self._callback(int(hit.group(1)), hit.group(2), r.body)
        if hit := re.fullmatch(r"/webhooks/\d+/([^/]+)(/messages/(@original|\d+))?", p):
            return self._webhook(m, hit.group(1), hit.group(3), r.body)
        if m == "POST" and (hit := re.fullmatch(r"/channels/(\d+)/messages", p)):
            channel_id = int(hit.group(1))
            if channel_id not in self.channels:
                return 404, {"message": "Unknown Channel", "code": 10003}
            if channel_id in self.forbidden_channels:
                return 403, {"message": "Missing Permissions", "code": 50013}
            return 200, self._store_message(channel_id, r.body, author_id=BOT_ID)
        if m == "GET" and (hit := re.fullmatch(r"/channels/(\d+)", p)):
            return 200, self.channels[int(hit.group(1))]
        if m == "POST" and p == "/users/@me/channels":
            return 200, self.dm_channel(int(r.body["recipient_id"]))
        return 404, {"message": "Unknown route in fake Discord", "code": 0}

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(APP_ID),
            "name": "negobot",
            "icon": None,
            "description": "",
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "flags": 0,
            "owner": user_object(self.owner_id, "owner"),
            "team": None,
            "interactions_endpoint_url": None,
        }

    def _command(self, command: dict[str, Any], guild_id: str | None) -> dict[str, Any]:
        out = {
            **command,
            "id": str(self.next_id()),
            "application_id": str(APP_ID),
            "version": "1",
        }
        out.setdefault("description", "")
        out.setdefault("default_member_permissions", None)
        if guild_id:
            out["guild_id"] = guild_id
        return out

    def _callback(self, interaction_id: int, token: str, body: dict[str, Any]) -> dict[str, Any]:
        kind = body["type"]
        interaction = self._interactions[token]
        info: dict[str, Any] = {"id": str(interaction_id), "type": interaction["kind"]}
        resource: dict[str, Any] | None = None
        if kind in (4, 5):
            data = body.get("data") or {}
            message = self._store_message(interaction["channel_id"], data, author_id=BOT_ID)
            message["flags"] = int(data.get("flags") or 0)
            interaction["original"] = int(message["id"])
            interaction["loading"] = kind == 5
            info.update(
                response_message_id=message["id"],
                response_message_loading=kind == 5,
                response_message_ephemeral=bool(message["flags"] & 64),
            )
            resource = {"type": kind, "message": message}
        elif kind == 7:
            original = self.messages[int(interaction["message_id"])]
            self._update_message(original, body.get("data") or {})
            resource = {"type": kind, "message": original}
        interaction["callback"] = kind
        return {"interaction": info, "resource": resource} if resource else {"interaction": info}

    def _webhook(self, method: str, token: str, target: str | None, body: Any) -> tuple[int, Any]:
        interaction = self._interactions[token]
        if target is None and method == "POST":
            if interaction.pop("loading", False):  # the first follow-up replaces "thinking..."
                message = self.messages[interaction["original"]]
                self._update_message(message, body)
                interaction["edited"] = True
                return 200, message
            message = self._store_message(interaction["channel_id"], body, author_id=BOT_ID)
            return 200, message
        message_id = interaction["original"] if target == "@original" else int(target)
        message = self.messages[message_id]
        if method == "PATCH":
            interaction.pop("loading", None)
            self._update_message(message, body)
            interaction["edited"] = True
            return 200, message
        if method == "GET":
            return 200, message
        if method == "DELETE":
            del self.messages[message_id]
            return 204, None
        return 405, {"message": "Method not allowed", "code": 0}

    def _store_message(self, channel_id: int, body: dict[str, Any], *, author_id: int) -> dict:
        message_id = self.next_id()
        message = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "author": user_object(author_id, "negobot", bot=author_id == BOT_ID),
            "content": body.get("content") or "",
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 0,
            "flags": int(body.get("flags") or 0),
        }
        channel = self.channels.get(channel_id)
        if channel and channel["type"] == 0:
            message["guild_id"] = str(GUILD_ID)
        self.messages[message_id] = message
        return message

    @staticmethod
    def _update_message(message: dict[str, Any], body: dict[str, Any]) -> None:
        for key in ("content", "embeds", "components"):
            if key in body:
                message[key] = (
                    body[key] if body[key] is not None else ([] if key != "content" else "")
                )

    async def _attachment(self, request: web.Request) -> web.Response:
        return web.Response(body=self.attachments[request.match_info["id"]])

    # -- what tests drive ------------------------------------------------------------------------

    def dm_channel(self, user_id: int) -> dict[str, Any]:
        channel_id = user_id + 1
        channel = {
            "id": str(channel_id),
            "type": 1,
            "recipients": [user_object(user_id, f"user{user_id}")],
            "last_message_id": None,
        }
        self.channels[channel_id] = channel
        return channel

    async def add_text_channel(self, name: str) -> int:
        channel_id = self.next_id()
        self.channels[channel_id] = self._text_channel(channel_id, name)
        await self.dispatch("CHANNEL_CREATE", self.channels[channel_id])
        return channel_id

    def add_attachment(self, filename: str, data: bytes, content_type: str) -> dict[str, Any]:
        """Attachments are told apart by id, as on Discord: two may share a file name."""
        attachment_id = str(self.next_id())
        self.attachments[attachment_id] = data
        url = f"http://127.0.0.1:{self.port}/attachments/{attachment_id}/{filename}"
        return {
            "id": attachment_id,
            "filename": filename,
            "size": len(data),
            "url": url,
            "proxy_url": url,
            "content_type": content_type,
        }

    async def interact(
        self,
        name: str,
        options: list[dict[str, Any]] | None = None,
        *,
        user_id: int = 800000000000000001,
        permissions: int = EVERYONE_PERMISSIONS,
        dm: bool = False,
        kind: int = 2,
        resolved: dict[str, Any] | None = None,
        message_id: int | None = None,
        custom_id: str | None = None,
    ) -> Interaction:
        """Send an INTERACTION_CREATE and wait until the bot has finished answering it."""
        interaction_id = self.next_id()
        token = f"token-{interaction_id}"
        channel = self.dm_channel(user_id) if dm else self.channels[CHANNEL_ID]
        user = user_object(user_id, f"user{user_id}")
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(APP_ID),
            "type": kind,
            "token": token,
            "version": 1,
            "channel_id": channel["id"],
            "channel": channel,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 10_000_000,
            "app_permissions": str(ADMIN_PERMISSIONS),
            "authorizing_integration_owners": {"0": str(GUILD_ID)}
            if not dm
            else {"1": str(user_id)},
            "context": 1 if dm else 0,
        }
        if kind == 3:
            payload["data"] = {"custom_id": custom_id, "component_type": 2}
            payload["message"] = self.messages[message_id]  # type: ignore[index]
        else:
            data: dict[str, Any] = {"id": str(self.next_id()), "name": name, "type": 1}
            if options:
                data["options"] = options
            if resolved:
                data["resolved"] = resolved
            payload["data"] = data
        if dm:
            payload["user"] = user
        else:
            payload["guild_id"] = str(GUILD_ID)
            payload["guild_locale"] = "en-US"
            payload["member"] = {
                "user": user,
                "roles": [],
                "joined_at": "2024-01-01T00:00:00+00:00",
                "permissions": str(permissions),
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
        record: dict[str, Any] = {
            "channel_id": int(channel["id"]),
            "message_id": message_id,
            "kind": kind,
        }
        self._interactions[token] = record
        start = len(self.requests)
        await self.dispatch("INTERACTION_CREATE", payload)
        await self._until(lambda: "callback" in record)
        if record["callback"] == 5:
            await self._until(lambda: record.get("edited") or self._followed_up(token, start))
        await self.settle()
        return Interaction(self, token, record, self.requests[start:])

    def _followed_up(self, token: str, start: int) -> bool:
        return any(
            r.method == "POST" and r.path.endswith(f"/{token}") for r in self.requests[start:]
        )

    async def send_dm(self, text: str, *, user_id: int = 800000000000000001) -> list[Recorded]:
        """A user writes to the bot in a DM; returns the requests the bot made in reply."""
        channel = self.dm_channel(user_id)
        start = len(self.requests)
        message = self._store_message(int(channel["id"]), {"content": text}, author_id=user_id)
        message["author"] = user_object(user_id, f"user{user_id}")
        await self.dispatch("MESSAGE_CREATE", message)
        await self._until(lambda: len(self.requests) > start)
        await self.settle()
        return self.requests[start:]

    async def _until(self, condition: Any, timeout: float = 20.0) -> None:
        async with asyncio.timeout(timeout):
            while not condition():
                self._activity.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._activity.wait(), 0.05)

    async def settle(self, quiet: float = 0.15) -> None:
        """Wait until the bot has made no request for `quiet` seconds."""
        while True:
            count = len(self.requests)
            await asyncio.sleep(quiet)
            if len(self.requests) == count:
                return

    def fail_once(self, method: str, path: str, status: int, *, after: int = 0) -> None:
        """Answer one `method path` request, the one after `after` others, with `status`."""
        self.failures.append(Failure(method, path, status, after))

    async def wait_ready(self) -> None:
        await self._until(lambda: self.gateway_connections > 0)


@dataclass
class Interaction:
    """What the bot sent in answer to one interaction."""

    fake: FakeDiscord
    token: str
    record: dict[str, Any]
    requests: list[Recorded]

    @property
    def replies(self) -> list[Recorded]:
        """Requests carrying a message for the user, in order (callback, edits, follow-ups)."""
        out = []
        for r in self.requests:
            if self.token not in r.path:
                continue
            if (r.path.endswith("/callback") and r.body.get("type") in (4, 7)) or (
                "/webhooks/" in r.path and r.method in ("POST", "PATCH")
            ):
                out.append(r)
        return out

    @property
    def ephemeral(self) -> bool:
        first = next(r for r in self.requests if self.token in r.path)
        return bool(
            message_payload(first.body) and message_payload(first.body).get("flags", 0) & 64
        )

    def text(self) -> str:
        return "\n".join(r.text() for r in self.replies)

    @property
    def message(self) -> dict[str, Any] | None:
        """The message as the user sees it now (the response, after edits)."""
        original = self.record.get("original")
        return self.fake.messages.get(original) if original else None

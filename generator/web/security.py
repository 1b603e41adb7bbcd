"""A local server is still a server: what every request to `gongwen serve` must show.

- Host: only the server's own names (127.0.0.1:port, localhost:port, and the --host given). A page
  on another site that points a name at 127.0.0.1 (DNS rebinding) sends its own name: refused.
- A secret token made at each start: in the address the browser is opened with (?token=…), then in
  an HttpOnly, SameSite=Strict cookie. Every request without it is refused.
- A state-changing request (POST) must come from the page itself: Origin (or, lacking it, Referer)
  is the server's own, and the X-CSRF-Token header holds the start's CSRF token (the page reads it
  from its own HTML; another site cannot).
- A request body over MAX_UPLOAD bytes is refused before it is read, by its declared length (a POST
  without one is refused: browsers always declare it).
Refusals are JSON {"error": "中文说明"} with status 403/411/413."""
from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

MAX_UPLOAD = 20 * 1024 * 1024  # a roster or draft is a few hundred KB; 20 MB is generous
COOKIE = "gongwen_token"


@dataclass
class Guard:
    hosts: set[str]  # host[:port] values accepted in the Host header
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    max_upload: int = MAX_UPLOAD
    port: int | None = None  # with a port, any IP-literal Host on it is accepted too (see allows)

    @classmethod
    def for_address(cls, host: str, port: int, extra: tuple[str, ...] = ()) -> "Guard":
        names = {"127.0.0.1", "localhost", "[::1]", _bracketed(host), *map(_bracketed, extra)}
        return cls({f"{n}:{port}" for n in names} | ({*names} if port in (80, 443) else set()), port=port)

    @property
    def cookie(self) -> str:
        """One cookie per port: two workbenches on one PC do not take each other's token."""
        return f"{COOKIE}_{self.port}" if self.port else COOKIE

    def allows(self, host: str) -> bool:
        """The server's own names — or an IP address literal on its port: DNS rebinding needs a name
        the attacker controls, so 192.168.1.5:8765 (a --host 0.0.0.0 server asked by address) is safe."""
        if host in self.hosts:
            return True
        if self.port is None:
            return False
        name, _, port = host.rpartition(":")
        if port != str(self.port):
            return False
        try:
            ipaddress.ip_address(name[1:-1] if name.startswith("[") and name.endswith("]") else name)
        except ValueError:
            return False
        return True

    def origins(self) -> set[str]:
        return {f"http://{h}" for h in self.hosts}

    def origin_ok(self, origin: str) -> bool:
        return origin.startswith("http://") and self.allows(origin[len("http://"):])


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _reply(status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None):
    body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
    return status, [(b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()), *(headers or [])], body


class GuardMiddleware:
    """ASGI middleware enforcing the Guard on every HTTP request."""

    def __init__(self, app, guard: Guard):
        self.app = app
        self.guard = guard

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        refusal, set_cookie = self._check(scope)
        if refusal is not None:
            status, headers, body = refusal
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        if set_cookie:  # the token came in the address: keep it in a cookie and drop it from the URL
            cookie = (f"{self.guard.cookie}={self.guard.token}; Path=/; HttpOnly; SameSite=Strict").encode()
            await send({"type": "http.response.start", "status": 303,
                        "headers": [(b"location", scope["path"].encode() or b"/"), (b"set-cookie", cookie),
                                    (b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        await self.app(scope, receive, send)

    def _check(self, scope):
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        g = self.guard
        if not g.allows(headers.get("host", "")):
            return _reply(403, "拒绝访问：请求的主机名不是本机服务地址（请用启动时显示的地址打开）"), False
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = (query.get("token") or [""])[0]
        cookies = _cookies(headers.get("cookie", ""))
        has_cookie = hmac.compare_digest(cookies.get(g.cookie, ""), g.token)
        if not has_cookie:
            if given and hmac.compare_digest(given, g.token) and scope["method"] == "GET":
                return None, True
            return _reply(403, "拒绝访问：缺少访问口令。请用 gongwen serve 启动时显示的完整地址（含 token）打开"), False
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin") or _origin_of(headers.get("referer", ""))
            if not g.origin_ok(origin):
                return _reply(403, "拒绝访问：请求不是从本工具的页面发出的"), False
            if not hmac.compare_digest(headers.get("x-csrf-token", ""), g.csrf):
                return _reply(403, "拒绝访问：页面口令已失效，请刷新页面后重试"), False
            # the declared length decides before anything is read (a browser always declares it; the
            # server, h11, does not accept a body longer than declared)
            length = headers.get("content-length")
            if "transfer-encoding" in headers:  # a chunked body has no declared length to check
                return _reply(411, "请求使用了分块传输，没有声明内容长度，已拒绝"), False
            if length is None or not length.isdigit():
                return _reply(411, "请求缺少内容长度（Content-Length），已拒绝"), False
            if int(length) > g.max_upload:
                return _reply(413, _too_large(g.max_upload)), False
        return None, False


def _too_large(limit: int) -> str:
    return f"上传的文件太大（超过 {limit // (1024 * 1024)} MB）。花名册、草稿一般只有几百 KB，请检查是否选错了文件"


def _cookies(header: str) -> dict[str, str]:
    out = {}
    for part in header.split(";"):
        k, _, v = part.strip().partition("=")
        if k:
            out[k] = v
    return out


def _origin_of(url: str) -> str:
    if not url:
        return ""
    u = urlsplit(url)
    return f"{u.scheme}://{u.netloc}" if u.scheme and u.netloc else ""

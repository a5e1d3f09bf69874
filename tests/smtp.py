"""A mail server small enough to run inside a test or a bench: it records what it accepts.

Just enough SMTP for Django's backend (EHLO, MAIL, RCPT, DATA, RSET, QUIT); `reply_delay`
holds the "250 queued" after a message is recorded, the gap in which a killed sender has had
its message accepted without knowing it.
"""

from __future__ import annotations

import contextlib
import socketserver
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Mailbox:
    """What the mail server accepted: (recipient, Message-ID) in order."""

    accepted: list[tuple[str, str]] = field(default_factory=list)
    reply_delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: EHLO, MAIL, RCPT, DATA, RSET, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        with contextlib.suppress(ConnectionResetError):  # a sender killed mid-conversation
            self.converse()

    def converse(self) -> None:
        box: Mailbox = self.server.mailbox  # type: ignore[attr-defined]
        self.reply("220 test ESMTP")
        recipient = ""
        while line := self.rfile.readline():
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 test")
            elif verb == "RCPT":
                recipient = line.decode().split("<", 1)[1].split(">", 1)[0]
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go on")
                message_id = ""
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    if data.lower().startswith(b"message-id:"):
                        message_id = data.decode().split(":", 1)[1].strip()
                with box.lock:
                    box.accepted.append((recipient, message_id))
                # Accepted: the message is ours to deliver, but the sender does not know yet.
                time.sleep(box.reply_delay)
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


class MailServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def start(reply_delay: float = 0.0) -> MailServer:
    """A mail server on a free loopback port, serving in a thread; `.mailbox` holds the mail."""
    server = MailServer(("127.0.0.1", 0), SMTPHandler)
    server.mailbox = Mailbox(reply_delay=reply_delay)  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server

"""Plain helpers of the notification-channel servers (tests/opd/conftest.py, and the real
worker's SMTP server of tests/queue/conftest.py): a free local port, what a server got, and an
aiosmtpd handler that refuses a set number of messages before it accepts."""

import socket
from dataclasses import dataclass, field


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Received:
    """What a server got, and how many of the next requests it refuses."""

    messages: list = field(default_factory=list)
    refuse: int = 0
    attempts: int = 0


class SmtpHandler:
    def __init__(self, received: Received):
        self.received = received

    async def handle_DATA(self, server, session, envelope):
        self.received.attempts += 1
        if self.received.refuse:
            self.received.refuse -= 1
            return "451 Coba lagi nanti"
        self.received.messages.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "content": envelope.content.decode("utf-8", "replace"),
            }
        )
        return "250 OK"

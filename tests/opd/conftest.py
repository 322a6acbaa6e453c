"""Real servers for the notification channels: an SMTP server (aiosmtpd) and an HTTP server
standing in for a WhatsApp gateway, each on a free local port, each answering with a failure
a set number of times before it accepts."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from .server_helpers import Received, SmtpHandler, free_port


@pytest.fixture
def smtp_server(settings):
    """Django's SMTP backend pointed at a real SMTP server started for the test."""
    received = Received()
    port = free_port()
    controller = Controller(SmtpHandler(received), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "rakor@sukamaju.go.id"
    yield received
    controller.stop()


@pytest.fixture
def whatsapp_gateway(settings):
    """A local HTTP server as the WhatsApp gateway: records each POST (headers and JSON body);
    answers 503 while `refuse` lasts, then 200."""
    received = Received()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.attempts += 1
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if received.refuse:
                received.refuse -= 1
                self.send_response(503)
                self.end_headers()
                return
            received.messages.append(
                {"path": self.path, "headers": dict(self.headers), "json": json.loads(body)}
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"status": true}')

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.RAKOR_WHATSAPP_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.RAKOR_WHATSAPP_TOKEN = "token-rahasia"
    settings.RAKOR_WHATSAPP_TEMPLATE = '{"target": "$telepon", "message": "$pesan"}'
    yield received
    server.shutdown()
    server.server_close()

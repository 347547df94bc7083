#!/usr/bin/env python3
"""Tiny SMTP sink for tests (Debian's python3-aiosmtpd).

Listens on 127.0.0.1 (a free port chosen by the kernel unless --port is given),
accepts every message and saves it as DIR/mail/<time>-<n>.eml: the raw message
as received, preceded by X-Envelope-From / X-Envelope-To headers. Once listening
it writes the port number to DIR/port. Started by scripts/smtp-server.sh.
"""
import argparse
import asyncio
import itertools
import os
import signal
import time

from aiosmtpd.smtp import SMTP


class SaveToDir:
    def __init__(self, maildir):
        self.maildir = maildir
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        name = "%d-%04d.eml" % (time.time_ns(), n)
        head = "X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n" % (
            envelope.mail_from,
            ", ".join(envelope.rcpt_tos),
        )
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8")
        tmp = os.path.join(self.maildir, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(head.encode("utf-8") + data)
        # Atomic: readers never see a half-written .eml.
        os.rename(tmp, os.path.join(self.maildir, name))
        return "250 Message accepted for delivery"


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()

    maildir = os.path.join(args.dir, "mail")
    os.makedirs(maildir, exist_ok=True)
    handler = SaveToDir(maildir)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="localhost", decode_data=False,
                     enable_SMTPUTF8=True),
        host=args.host, port=args.port)
    port = server.sockets[0].getsockname()[1]

    port_file = os.path.join(args.dir, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write("%d\n" % port)
    os.rename(port_file + ".tmp", port_file)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())

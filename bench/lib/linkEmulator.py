#!/usr/bin/env python3
"""A clinic WAN link in user space, for `npm run bench:gateway`.

The kernel these benchmarks run on has no netem qdisc (CONFIG_NET_SCH_NETEM is not set), so the
link is emulated between two TUN devices: every IP packet the gateway sends leaves its namespace
through one TUN device, waits here for its serialisation time at the link rate and the one-way
delay, may be lost, and enters the centre's namespace through the other (and the same back).

  linkEmulator.py <tun-up> <tun-down> <rate-bit/s> <one-way-delay-ms> <loss-up> <loss-down>

- tun-up receives what the gateway sends (upload); tun-down what the centre sends.
- A FIFO of at most QUEUE_PACKETS per direction (a modem's buffer); beyond it packets drop.
- SIGUSR1 cuts the link (every packet lost both ways); SIGUSR2 restores it.
- Prints a JSON line each second: bytes serialised upward and downward so far, cut state.
"""
import fcntl
import json
import os
import random
import select
import signal
import struct
import sys
import time
from collections import deque

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
QUEUE_PACKETS = 200


def open_tun(name):
    fd = os.open('/dev/net/tun', os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack('16sH', name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


class Direction:
    """One direction: serialisation at `rate`, fixed delay, random loss, a bounded FIFO."""

    def __init__(self, src, dst, rate, delay, loss):
        self.src, self.dst, self.rate, self.delay, self.loss = src, dst, rate, delay, loss
        self.free_at = 0.0  # when the line finishes sending what it holds
        self.flight = deque()  # (deliver_at, packet)
        self.serialised = 0

    def receive(self, now, cut):
        while True:
            try:
                pkt = os.read(self.src, 65535)
            except BlockingIOError:
                return
            if cut or random.random() < self.loss:
                continue
            if len(self.flight) >= QUEUE_PACKETS:
                continue  # tail drop: the buffer is full
            start = max(now, self.free_at)
            self.free_at = start + len(pkt) * 8 / self.rate
            self.serialised += len(pkt)
            self.flight.append((self.free_at + self.delay, pkt))

    def deliver(self, now):
        while self.flight and self.flight[0][0] <= now:
            _, pkt = self.flight.popleft()
            try:
                os.write(self.dst, pkt)
            except OSError:
                pass

    def next_due(self):
        return self.flight[0][0] if self.flight else None


def main():
    up_name, down_name, rate, delay_ms, loss_up, loss_down = sys.argv[1:7]
    up_fd, down_fd = open_tun(up_name), open_tun(down_name)
    rate, delay = float(rate), float(delay_ms) / 1000
    up = Direction(up_fd, down_fd, rate, delay, float(loss_up))
    down = Direction(down_fd, up_fd, rate, delay, float(loss_down))
    state = {'cut': False}
    signal.signal(signal.SIGUSR1, lambda *_: state.update(cut=True))
    signal.signal(signal.SIGUSR2, lambda *_: state.update(cut=False))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(json.dumps({'ready': True}), flush=True)
    last_report = 0.0
    while True:
        now = time.monotonic()
        dues = [d for d in (up.next_due(), down.next_due()) if d is not None]
        timeout = max(0.0, min(dues) - now) if dues else 0.5
        try:
            readable, _, _ = select.select([up_fd, down_fd], [], [], min(timeout, 0.5))
        except InterruptedError:
            readable = []
        now = time.monotonic()
        if up_fd in readable:
            up.receive(now, state['cut'])
        if down_fd in readable:
            down.receive(now, state['cut'])
        up.deliver(now)
        down.deliver(now)
        if now - last_report >= 1:
            last_report = now
            print(json.dumps({'up': up.serialised, 'down': down.serialised, 'cut': state['cut']}), flush=True)


if __name__ == '__main__':
    main()

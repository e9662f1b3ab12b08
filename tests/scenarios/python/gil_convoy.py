"""The convoy effect: an I/O-bound thread next to a CPU-bound one.

Twenty 2 ms sleeps, each followed by a little work, timed alone and then
while another thread computes. Prints the slow-down of the I/O loop.
"""
import json
import sys
import threading
import time

ROUNDS = 20


def io_loop():
    start = time.perf_counter()
    for _ in range(ROUNDS):
        time.sleep(0.002)
        sum(range(1000))
    return time.perf_counter() - start


def spin(stop):
    while not stop.is_set():
        sum(range(1000))


if __name__ == "__main__":
    alone = io_loop()
    stop = threading.Event()
    cpu = threading.Thread(target=spin, args=(stop,))
    cpu.start()
    time.sleep(0.01)
    convoyed = io_loop()
    stop.set()
    cpu.join()
    print(json.dumps({
        "alone_s": alone,
        "with_cpu_thread_s": convoyed,
        "slowdown": convoyed / alone,
        "switch_interval_ms": sys.getswitchinterval() * 1000,
    }))

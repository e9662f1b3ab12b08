"""Four threads, four rounds of 20 ms of I/O and one update of a shared
total each: the lock held around the whole round, or around the update
only. Prints both totals and how much longer the long section takes."""
import json
import threading
import time


def run(long_section):
    total = [0]
    lock = threading.Lock()

    def update():
        local = total[0]
        total[0] = local + 1

    def worker():
        for _ in range(4):
            if long_section:
                with lock:
                    time.sleep(0.02)
                    update()
            else:
                time.sleep(0.02)
                with lock:
                    update()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return total[0], time.perf_counter() - start


if __name__ == "__main__":
    long_total, long_wall = run(True)
    short_total, short_wall = run(False)
    print(json.dumps({"long_total": long_total, "short_total": short_total,
                      "slowdown": long_wall / short_wall}))

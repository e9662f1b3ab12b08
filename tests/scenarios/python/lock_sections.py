"""Four threads, four rounds of 20 ms of I/O and one update of a shared
total each: the lock held around the whole round, or around the update
only. Prints both totals, the most threads in their I/O at once, and how
much longer the long section takes."""
import json
import threading
import time


def run(long_section):
    total, sleeping = [0], [0, 0]
    lock, count_lock = threading.Lock(), threading.Lock()

    def io():
        with count_lock:
            sleeping[0] += 1
            sleeping[1] = max(sleeping[1], sleeping[0])
        time.sleep(0.02)
        with count_lock:
            sleeping[0] -= 1

    def update():
        local = total[0]
        total[0] = local + 1

    def worker():
        for _ in range(4):
            if long_section:
                with lock:
                    io()
                    update()
            else:
                io()
                with lock:
                    update()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return total[0], sleeping[1], time.perf_counter() - start


if __name__ == "__main__":
    long_total, long_max, long_wall = run(True)
    short_total, short_max, short_wall = run(False)
    print(json.dumps({"long_total": long_total, "short_total": short_total,
                      "long_max_sleeping": long_max, "short_max_sleeping": short_max,
                      "slowdown": long_wall / short_wall}))

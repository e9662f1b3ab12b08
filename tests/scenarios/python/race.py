"""db_val += 1 in N threads, with an I/O pause between the read and the
write, with or without a lock. Prints the final value, the most threads
that were between their read and their write at once, and the wall time."""
import json
import sys
import threading
import time

db_val = 0
inside = [0, 0]  # now, most
count_lock = threading.Lock()


def enter(delta):
    with count_lock:
        inside[0] += delta
        inside[1] = max(inside[1], inside[0])


def increase(lock):
    global db_val
    with lock:
        local = db_val
        local += 1
        enter(1)
        time.sleep(0.05)
        enter(-1)
        db_val = local


class NoLock:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


if __name__ == "__main__":
    count = int(sys.argv[1])
    lock = threading.Lock() if "--lock" in sys.argv else NoLock()
    threads = [threading.Thread(target=increase, args=(lock,)) for _ in range(count)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps({"final": db_val, "expected": count, "max_inside": inside[1],
                      "wall_s": time.perf_counter() - start}))

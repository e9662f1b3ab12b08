"""Four processes add 1 to a multiprocessing.Value twenty times, with a
1 ms pause between the read and the write, with lock=False or inside
with counter.get_lock(). Prints the final value and the expected one."""
import contextlib
import json
import multiprocessing
import sys
import time


def increase(counter, locked):
    for _ in range(20):
        with counter.get_lock() if locked else contextlib.nullcontext():
            value = counter.value
            time.sleep(0.001)
            counter.value = value + 1


if __name__ == "__main__":
    locked = "--lock" in sys.argv
    counter = multiprocessing.Value("i", 0, lock=locked)
    procs = [multiprocessing.Process(target=increase, args=(counter, locked)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(json.dumps({"final": counter.value, "expected": 80}))

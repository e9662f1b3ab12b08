"""Two threads take two locks in opposite order. Real code would hang for
ever; here each gives up waiting for its second lock after half a second.
Prints how long each waited for its second lock (both about the whole
timeout: neither could go on) and how many gave up."""
import json
import threading
import time

TIMEOUT = 0.5
a, b = threading.Lock(), threading.Lock()
waited, gave_up = [], []


def take(first, second):
    with first:
        time.sleep(0.05)
        start = time.perf_counter()
        got = second.acquire(timeout=TIMEOUT)
        waited.append(time.perf_counter() - start)
        if got:
            second.release()
        else:
            gave_up.append(1)


if __name__ == "__main__":
    threads = [threading.Thread(target=take, args=(a, b)),
               threading.Thread(target=take, args=(b, a))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps({"min_wait_s": min(waited), "timeout_s": TIMEOUT, "gave_up": len(gave_up)}))

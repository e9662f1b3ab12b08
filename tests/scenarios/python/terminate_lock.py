"""terminate() a process while it holds a multiprocessing.Lock. Another
process then tries the lock for half a second. Prints the victim's exit
code and whether the waiter ever got the lock."""
import json
import multiprocessing
import time


def victim(lock):
    with lock:
        time.sleep(0.5)


def waiter(lock, got):
    if lock.acquire(timeout=0.5):
        got.value = 1
        lock.release()


if __name__ == "__main__":
    lock, got = multiprocessing.Lock(), multiprocessing.Value("i", 0)
    v = multiprocessing.Process(target=victim, args=(lock,))
    v.start()
    time.sleep(0.1)
    v.terminate()
    v.join()
    w = multiprocessing.Process(target=waiter, args=(lock, got))
    w.start()
    w.join()
    print(json.dumps({"victim_exitcode": v.exitcode, "waiter_got_lock": got.value}))

"""Three processes; one dies of a segmentation fault. Prints the exit
codes: the others finish normally."""
import json
import multiprocessing
import os
import signal


def steady():
    sum(range(100_000))


def fragile():
    os.kill(os.getpid(), signal.SIGSEGV)


if __name__ == "__main__":
    procs = [multiprocessing.Process(target=t) for t in (steady, steady, fragile)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    codes = [p.exitcode for p in procs]
    print(json.dumps({"crashed_signal": -codes[2], "others_ok": int(codes[:2] == [0, 0])}))

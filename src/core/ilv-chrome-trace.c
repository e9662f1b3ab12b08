/* ilv-chrome-trace.c: to be written */

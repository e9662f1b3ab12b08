/* ilv-trace.c: to be written */

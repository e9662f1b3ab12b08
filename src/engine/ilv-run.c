/* ilv-run.c: to be written */

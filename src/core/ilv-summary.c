/* ilv-summary.c: to be written */

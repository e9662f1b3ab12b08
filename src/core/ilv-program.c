/* ilv-program.c: to be written */

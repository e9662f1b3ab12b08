/* ilv-duration.c: to be written */

/* ilv-atomic-file.c: to be written */

/* ilv-types.c: to be written */

/* ilv-program-parser.c: to be written */

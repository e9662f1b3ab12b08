/* ilv-scenario-parser.c: to be written */

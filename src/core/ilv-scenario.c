/* ilv-scenario.c: to be written */

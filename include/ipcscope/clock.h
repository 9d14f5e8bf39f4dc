/* The one clock of the program: milliseconds that never go back. */
#ifndef IPCSCOPE_CLOCK_H
#define IPCSCOPE_CLOCK_H

/* CLOCK_MONOTONIC, in ms: for deadlines, paces and a snapshot's time. */
long	clock_ms(void);

#endif

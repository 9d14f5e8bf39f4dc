/* Signals reach the loops as a file descriptor (signalfd); no handler work. */
#ifndef IPCSCOPE_SIG_H
#define IPCSCOPE_SIG_H

#include <signal.h>

/* Block SIGINT, SIGTERM, SIGHUP, SIGCHLD and return a signalfd for them. */
int	sig_open(void);
/* Read one pending signal; 0 if none. */
int	sig_read(int fd);
/* The mask sig_open blocked, for children to restore. */
void	sig_unblock_all(void);

#endif

/* Plain-English sentences for the log, from a worker's phase and board slot. */
#ifndef IPCSCOPE_EVENT_H
#define IPCSCOPE_EVENT_H

#include <stddef.h>

#include "board.h"

/* Copy template into buf, replacing %S with the slot and %I with the item. */
void	event_expand(char *buf, size_t, const char *tmpl, int slot, unsigned item);
/* Append ". "-separated sentence to buf, truncating safely. */
void	event_append(char *buf, size_t, const char *sentence);

#endif

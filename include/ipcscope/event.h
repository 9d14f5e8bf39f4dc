/* Plain-English sentences for the log, from a worker's phase and board slot. */
#ifndef IPCSCOPE_EVENT_H
#define IPCSCOPE_EVENT_H

#include <stddef.h>

#include "board.h"

/* The numbers a template may name (transport.h, struct phase_info). */
struct event_vars {
	int		slot;		/* %S */
	unsigned	item;		/* %I, and %H: " of the item" if known */
	long		got, want;	/* %G, %W */
	long		ret;		/* %R */
	unsigned	other;		/* %O: another's item the call met */
};

/* Copy template into buf with the numbers in place of their %-names. */
void	event_expand_vars(char *buf, size_t, const char *tmpl,
	    const struct event_vars *);
/* The same with a slot and an item only. */
void	event_expand(char *buf, size_t, const char *tmpl, int slot, unsigned item);
/* Append ". "-separated sentence to buf, truncating safely. */
void	event_append(char *buf, size_t, const char *sentence);

#endif

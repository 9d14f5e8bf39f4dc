/*
 * The code panel's text, made from the transport's own tables: each
 * worker's loop (transport.h, struct code_loop) with each phase's lines
 * from its phase_info, so the listing cannot drift from what runs.
 */
#ifndef IPCSCOPE_CODE_H
#define IPCSCOPE_CODE_H

#include <stddef.h>

#include "role.h"
#include "snapshot.h"
#include "transport.h"

/* Both loops of ch's transport into code; empty when it lists none. */
void	code_listing(const struct channel *, struct snap_code *);
/*
 * The line (from 1, as code_listing numbers it) where a worker of role
 * stands at phase: the first line of that phase in its loop; text gets
 * it unindented. 0 and text "" when its loop does not list the phase.
 */
int	code_line_of(const struct channel *, enum role, int phase, char *text,
	    size_t len);

#endif

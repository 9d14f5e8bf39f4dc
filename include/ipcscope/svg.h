/*
 * A frame as an SVG picture for slides, drawn from the snapshot alone
 * (not from the screen): the buffer's slots with their items and in/out,
 * the kernel objects' values, the workers and their states, and the code
 * panel with each worker's label at its line. Every string is escaped
 * for XML, and a byte that is no UTF-8 becomes '?', so the file is
 * always well-formed.
 *
 * Elements a test can find: text.slot-item (data-slot, the item's
 * number), text.sem (data-name, data-value), text.kernel (an object's
 * line, data-kind), text.worker (data-worker), text.code-label
 * (data-worker, data-role, data-line, data-blocked).
 */
#ifndef IPCSCOPE_SVG_H
#define IPCSCOPE_SVG_H

#include <stdio.h>

#include "snapshot.h"

/* The picture of s into f: 0, or -1 when it could not be written. */
int	svg_write(FILE *f, const struct snapshot *s);
/* s as XML character data or an attribute's value. */
void	svg_escape(FILE *f, const char *s);

#endif

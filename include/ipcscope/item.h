/* The thing producers make and consumers take: a number, its maker, a payload. */
#ifndef IPCSCOPE_ITEM_H
#define IPCSCOPE_ITEM_H

#include <stddef.h>
#include <stdint.h>

struct item {
	uint32_t	seq;		/* 1, 2, 3... across all producers */
	uint16_t	producer;	/* 1-based producer id */
	uint16_t	mtype;		/* mailbox address (sysv-msg), 0 otherwise */
	uint32_t	marks;		/* --graph: the filter stages it went
					 * through, a byte each (stage index
					 * + 1), the first in the low byte */
};

/* The bytes an item occupies in a buffer: the header, then readable text. */
#define ITEM_WIRE_HDR	12

void	item_encode(const struct item *, void *buf, size_t size);
int	item_decode(const void *buf, size_t size, struct item *);
/* Whether buf holds exactly the bytes item_encode writes for it. */
int	item_intact(const void *buf, size_t size, const struct item *);
/* The bench's workers set item_plain: item_encode then writes the
 * header and filler only, no text, as tests/bench/ref.c writes a number
 * and filler (the text is for the screen, which the bench has not), and
 * item_intact expects that. */
extern int		item_plain;
/* A bench consumer sets item_checking: from then on item_decode checks
 * every item it decodes with item_intact and counts those that are not
 * in item_bad (this process's own counts). */
extern int		item_checking;
extern unsigned long	item_bad;

#endif

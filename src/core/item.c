/* Items on the wire: an 8-byte header, then text a person can read. */
#include <stdio.h>
#include <string.h>

#include "ipcscope/item.h"

void
item_encode(const struct item *it, void *buf, size_t size)
{
	unsigned char	*p = buf;
	char		 text[64];
	size_t		 n;

	memset(buf, '.', size);
	if (size < ITEM_WIRE_HDR)
		return;
	memcpy(p, &it->seq, 4);
	memcpy(p + 4, &it->producer, 2);
	memcpy(p + 6, &it->mtype, 2);
	n = (size_t)snprintf(text, sizeof(text), "item %u from P%u",
	    it->seq, it->producer);
	if (n > size - ITEM_WIRE_HDR)
		n = size - ITEM_WIRE_HDR;
	memcpy(p + ITEM_WIRE_HDR, text, n);
}

int		item_checking;
unsigned long	item_bad;

int
item_decode(const void *buf, size_t size, struct item *it)
{
	const unsigned char	*p = buf;

	if (size < ITEM_WIRE_HDR)
		return (-1);
	memcpy(&it->seq, p, 4);
	memcpy(&it->producer, p + 4, 2);
	memcpy(&it->mtype, p + 6, 2);
	if (item_checking && !item_intact(buf, size, it))
		item_bad++;
	return (0);
}

int
item_intact(const void *buf, size_t size, const struct item *it)
{
	static unsigned char	 dots[4096];
	const unsigned char	*p = buf;
	unsigned char		 head[ITEM_WIRE_HDR + 64];
	size_t			 n, at, chunk;

	if (dots[0] != '.')
		memset(dots, '.', sizeof(dots));
	/* The header and the text, as item_encode writes them... */
	n = size < sizeof(head) ? size : sizeof(head);
	item_encode(it, head, n);
	if (memcmp(p, head, n) != 0)
		return (0);
	/* ...then dots to the end. */
	for (at = n; at < size; at += chunk) {
		chunk = size - at < sizeof(dots) ? size - at : sizeof(dots);
		if (memcmp(p + at, dots, chunk) != 0)
			return (0);
	}
	return (1);
}

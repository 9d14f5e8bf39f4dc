/* Items on the wire: a 12-byte header, then text a person can read. */
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
	memcpy(p + 8, &it->marks, 4);
	n = (size_t)snprintf(text, sizeof(text), "item %u from P%u",
	    it->seq, it->producer);
	if (n > size - ITEM_WIRE_HDR)
		n = size - ITEM_WIRE_HDR;
	memcpy(p + ITEM_WIRE_HDR, text, n);
}

int
item_decode(const void *buf, size_t size, struct item *it)
{
	const unsigned char	*p = buf;

	if (size < ITEM_WIRE_HDR)
		return (-1);
	memcpy(&it->seq, p, 4);
	memcpy(&it->producer, p + 4, 2);
	memcpy(&it->mtype, p + 6, 2);
	memcpy(&it->marks, p + 8, 4);
	return (0);
}

/*
 * Frames saved for slides: files that never replace one that is there
 * (O_EXCL), named after the step they show.
 */
#ifndef IPCSCOPE_EXPORT_H
#define IPCSCOPE_EXPORT_H

#include <stdio.h>

#include "snapshot.h"

/*
 * dir/stem.ext for each of the n exts, all made new (O_EXCL, mode 0644):
 * stem, or (up to tries names) stem-2, stem-3... when one of them is
 * there. files[i] gets each open stream, paths[i] its name. 0, or -1
 * with errno set (EEXIST: every name was taken) and nothing left behind.
 */
int	export_create(const char *dir, const char *stem, const char *const *ext,
	    int n, int tries, FILE **files, char (*paths)[4096]);
/* Close f; the path is removed when writing it failed. 0, or -1 with
 * errno set. */
int	export_close(FILE *f, const char *path);

#endif

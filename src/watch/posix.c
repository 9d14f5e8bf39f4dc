/*
 * POSIX objects: segments are the files of /dev/shm (a named semaphore
 * there, "sem.NAME", is not a segment and is left out); queues are the
 * files of an mqueue filesystem, listed only when one is mounted (found
 * in /proc/self/mountinfo; the notes say so when none is), each completed
 * with mq_getattr. A mount shows the queues of the IPC namespace that
 * made it, which may not be ours (a container's, a test's): a mount whose
 * queues mq_open cannot find here is passed over.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/watch.h"

#define DEV_SHM		"/dev/shm"

/* A mountinfo path with its \040-style escapes undone, in place. */
static void
unescape(char *s)
{
	char	*d = s;

	for (; *s != '\0'; s++, d++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 |
			    (s[3] - '0'));
			s += 3;
		} else
			*d = *s;
	}
	*d = '\0';
}

enum { MNT_FOREIGN = -1, MNT_UNKNOWN, MNT_OURS };

/*
 * Whether the mqueue mount DIR is our IPC namespace's: a queue listed there
 * that mq_open opens here as the same file (one superblock per namespace)
 * says yes; a name mq_open does not know here says no; an empty mount, or
 * queues we may not open, leave it unknown.
 */
static int
mount_owner(const char *dir)
{
	struct dirent	*de;
	struct stat	 mine, there;
	char		 name[NAME_MAX + 2];
	int		 verdict = MNT_UNKNOWN;
	mqd_t		 q;
	DIR		*d;

	if ((d = opendir(dir)) == NULL)
		return (MNT_UNKNOWN);
	while (verdict == MNT_UNKNOWN && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' ||
		    fstatat(dirfd(d), de->d_name, &there, 0) == -1)
			continue;
		snprintf(name, sizeof(name), "/%s", de->d_name);
		if ((q = mq_open(name, O_RDONLY | O_NONBLOCK)) == (mqd_t)-1) {
			if (errno == ENOENT)
				verdict = MNT_FOREIGN;
			continue;
		}
		if (fstat(q, &mine) == 0)
			verdict = mine.st_dev == there.st_dev &&
			    mine.st_ino == there.st_ino ? MNT_OURS : MNT_FOREIGN;
		mq_close(q);
	}
	closedir(d);
	return (verdict);
}

/* Where our mqueue filesystem is mounted: the first mount proven ours,
 * else the first not proven another's; false if none. */
static bool
mqueue_mount(char *dir, size_t len)
{
	char	*line = NULL, *sep, mnt[PATH_MAX], fstype[64];
	size_t	 cap = 0;
	bool	 found = false;
	int	 owner;
	FILE	*f;

	if ((f = fopen("/proc/self/mountinfo", "re")) == NULL)
		return (false);
	while (getline(&line, &cap, f) != -1) {
		/* "ID PARENT M:N ROOT MOUNTPOINT OPTS [TAGS] - FSTYPE SRC ..." */
		if ((sep = strstr(line, " - ")) == NULL ||
		    sscanf(sep + 3, "%63s", fstype) != 1 ||
		    strcmp(fstype, "mqueue") != 0 ||
		    sscanf(line, "%*s %*s %*s %*s %4095s", mnt) != 1)
			continue;
		unescape(mnt);
		if ((owner = mount_owner(mnt)) == MNT_FOREIGN)
			continue;
		if (!found || owner == MNT_OURS)
			strlcpy(dir, mnt, len);
		found = true;
		if (owner == MNT_OURS)
			break;
	}
	free(line);
	fclose(f);
	return (found);
}

static void
owner_of(struct watch_obj *o, const struct stat *st)
{
	struct passwd	*pw;

	o->uid = o->cuid = st->st_uid;
	o->gid = o->cgid = st->st_gid;
	o->perms = st->st_mode & 0777;
	o->px.mtime = st->st_mtime;
	if ((pw = getpwuid(st->st_uid)) != NULL)
		strlcpy(o->owner, pw->pw_name, sizeof(o->owner));
	else
		snprintf(o->owner, sizeof(o->owner), "%u", (unsigned)st->st_uid);
}

static void
posix_shm(struct watch_list *l)
{
	struct watch_obj	*o;
	struct dirent		*de;
	struct stat		 st;
	DIR			*d;
	int			 dfd;

	if ((d = opendir(DEV_SHM)) == NULL)
		return;
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strncmp(de->d_name, "sem.", 4) == 0)
			continue;
		/* Gone since readdir: simply not there. */
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    !S_ISREG(st.st_mode))
			continue;
		o = watch_add(l);
		o->type = WT_PSHM;
		snprintf(o->name, sizeof(o->name), "/%s", de->d_name);
		snprintf(o->ident, sizeof(o->ident), "posix-shm %s", o->name);
		owner_of(o, &st);
		o->px.size = st.st_size;
		o->readable = faccessat(dfd, de->d_name, R_OK, AT_EACCESS) == 0;
		o->err = o->readable ? 0 : errno;
	}
	closedir(d);
}

/* mq_getattr, and the file's "QSIZE:N" (the bytes queued). */
static void
mq_fill(struct watch_obj *o, int dfd, const char *file)
{
	struct mq_attr	a;
	char		buf[128];
	ssize_t		n;
	mqd_t		q;
	int		fd;

	if ((q = mq_open(o->name, O_RDONLY | O_NONBLOCK)) == (mqd_t)-1) {
		o->err = errno;
		return;
	}
	if (mq_getattr(q, &a) == 0) {
		o->readable = true;
		o->px.curmsgs = a.mq_curmsgs;
		o->px.maxmsg = a.mq_maxmsg;
		o->px.msgsize = a.mq_msgsize;
	}
	mq_close(q);
	if ((fd = openat(dfd, file, O_RDONLY | O_CLOEXEC)) == -1)
		return;
	if ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		sscanf(buf, "QSIZE:%lld", &o->px.size);
	}
	close(fd);
}

static void
posix_mq(struct watch_list *l)
{
	struct watch_obj	*o;
	struct dirent		*de;
	struct stat		 st;
	DIR			*d;
	int			 dfd;

	if (!(l->mq_mounted = mqueue_mount(l->mq_dir, sizeof(l->mq_dir)))) {
		strlcpy(l->notes, "no mqueue filesystem is mounted: POSIX "
		    "message queues are not listed (mount -t mqueue none DIR)",
		    sizeof(l->notes));
		return;
	}
	if ((d = opendir(l->mq_dir)) == NULL)
		return;
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' ||
		    fstatat(dfd, de->d_name, &st, 0) == -1)
			continue;
		o = watch_add(l);
		o->type = WT_PMQ;
		snprintf(o->name, sizeof(o->name), "/%s", de->d_name);
		snprintf(o->ident, sizeof(o->ident), "posix-mq %s", o->name);
		owner_of(o, &st);
		mq_fill(o, dfd, de->d_name);
	}
	closedir(d);
}

void
watch_sample_posix(struct watch_list *l)
{
	posix_shm(l);
	posix_mq(l);
}

// netlink_sockopt: sets an integer SOL_NETLINK option on a netlink socket of this
// process, found by its protocol and port id. The `netlink` package's socket offers
// setsockopt only for group membership and buffer sizes and does not expose its file
// descriptor, yet the kernel sends extended-ACK texts (and the cookie of a control-port
// frame) only to sockets with NETLINK_EXT_ACK set.
//
//
// It also exports trimHeap(): glibc keeps the memory freed after start-up (V8's parser
// zones, the bundle's source as read) in its heap, about 2.5 MB a daemon that idles for
// days never needs again, because a freed large block raises glibc's mmap threshold
// and later ones then come from the heap (issue 16). musl, OpenWrt's libc, gives freed
// memory back by itself: there trimHeap does nothing.
//
// Node-API only (no C++ wrapper, no libnode linkage): one C file the OpenWrt SDK's
// TARGET_CC compiles like the host's cc.
#include <node_api.h>

#include <dirent.h>
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdbool.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <sys/socket.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

// The descriptor of this process's netlink socket of `protocol` bound to `port`, or -errno.
static int find_socket(int protocol, uint32_t port) {
  DIR *dir = opendir("/proc/self/fd");
  if (!dir) return -errno;
  int found = -ENOENT;
  struct dirent *de;
  while ((de = readdir(dir)) != NULL) {
    char *end;
    long fd = strtol(de->d_name, &end, 10);
    if (end == de->d_name || *end != '\0' || fd == dirfd(dir)) continue;
    struct sockaddr_nl sa;
    socklen_t len = sizeof sa;
    if (getsockname((int)fd, (struct sockaddr *)&sa, &len) != 0 || sa.nl_family != AF_NETLINK || sa.nl_pid != port) continue;
    int proto;
    socklen_t plen = sizeof proto;
    if (getsockopt((int)fd, SOL_SOCKET, SO_PROTOCOL, &proto, &plen) != 0 || proto != protocol) continue;
    found = (int)fd;
    break;
  }
  closedir(dir);
  return found;
}

// setNetlinkOption(protocol, port, option, value) -> 0, or the errno that stopped it.
static napi_value set_netlink_option(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  uint32_t args[4];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc != 4) {
    napi_throw_type_error(env, NULL, "setNetlinkOption(protocol, port, option, value) takes four numbers");
    return NULL;
  }
  for (size_t i = 0; i < 4; i++) {
    if (napi_get_value_uint32(env, argv[i], &args[i]) != napi_ok) {
      napi_throw_type_error(env, NULL, "setNetlinkOption: arguments must be unsigned integers");
      return NULL;
    }
  }
  int err = 0;
  int fd = find_socket((int)args[0], args[1]);
  if (fd < 0) {
    err = -fd;
  } else {
    int value = (int)args[3];
    if (setsockopt(fd, SOL_NETLINK, (int)args[2], &value, sizeof value) != 0) err = errno;
  }
  napi_value result;
  napi_create_int32(env, err, &result);
  return result;
}

// trimHeap() -> true when the C library gave freed heap memory back to the kernel.
static napi_value trim_heap(napi_env env, napi_callback_info info) {
  (void)info;
  bool released = false;
#ifdef __GLIBC__
  released = malloc_trim(0) != 0;
#endif
  napi_value result;
  if (napi_get_boolean(env, released, &result) != napi_ok) return NULL;
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "setNetlinkOption", NAPI_AUTO_LENGTH, set_netlink_option, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "setNetlinkOption", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "trimHeap", NAPI_AUTO_LENGTH, trim_heap, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "trimHeap", fn) != napi_ok) return NULL;
  return exports;
}

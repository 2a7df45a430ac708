// A file name with no directory part: letters, digits and . _ + -, not starting with a dot (so
// neither "..", nor a hidden file, nor anything with a "/"). For admin fields that name a file
// inside a fixed directory (lib/compile/ipxe-binary.ts).
export const bareFileNamePattern = /^[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,127}$/;

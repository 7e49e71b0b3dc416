/**
 * Simulated container images: the names containerd reports, digests and
 * sizes (fixed per image name, so every node and every run agrees), pull
 * policy defaults, and the registry error a missing image gives.
 */
import { stableHex } from '../../lib/hash';
import type { Container } from '../api/types';
import { formatGoDuration } from '../../lib/duration';

/** Whether a reference names a tag or digest after its last path segment. */
function hasTagOrDigest(image: string): boolean {
  if (image.includes('@')) return true;
  const last = image.slice(image.lastIndexOf('/') + 1);
  return last.includes(':');
}

/**
 * The fully qualified reference containerd reports: `nginx:1.25` →
 * `docker.io/library/nginx:1.25`, `bitnami/redis` → `docker.io/bitnami/redis:latest`.
 */
// Behaviour of github.com/distribution/reference ParseNormalizedNamed + kubelet applyDefaultImageTag (v1.32)
export function normalizeImage(image: string): string {
  let ref = hasTagOrDigest(image) ? image : `${image}:latest`;
  const first = ref.split('/')[0] as string;
  const hasDomain = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasDomain) ref = ref.includes('/') ? `docker.io/${ref}` : `docker.io/library/${ref}`;
  return ref;
}

/** `docker.io/library/nginx@sha256:…` — the imageID of a container status. */
export function imageID(image: string): string {
  const n = normalizeImage(image);
  const repo = n.includes('@') ? n.slice(0, n.indexOf('@')) : n.slice(0, n.lastIndexOf(':'));
  return `${repo}@sha256:${stableHex(`digest:${n}`, 64)}`;
}

/** A plausible compressed size in bytes, between 5 and 200 MB, fixed per image. */
export function imageSize(image: string): number {
  const h = parseInt(stableHex(`size:${normalizeImage(image)}`, 8), 16);
  return 5_000_000 + (h % 195_000_000);
}

/** The effective pull policy: the API default is Always for `:latest` or untagged images, else IfNotPresent. */
// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_Container (v1.32)
export function pullPolicy(c: Container): string {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const image = c.image ?? '';
  if (image.includes('@')) return 'IfNotPresent';
  return !hasTagOrDigest(image) || image.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

/** containerd 1.7's answer for a tag the registry does not have. */
export function pullError(image: string): string {
  const n = normalizeImage(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${n}": failed to resolve reference "${n}": ${n}: not found`;
}

/** The Pulled event of a real pull, as the v1.32 kubelet words it. */
// Behaviour of pkg/kubelet/images/image_manager.go EnsureImageExists (v1.32)
export function pulledMessage(image: string, ms: number): string {
  const d = formatGoDuration(ms);
  return `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${imageSize(image)} bytes.`;
}


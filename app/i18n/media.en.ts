// The media library and uploads: the page, the uploader (progress, drag and drop, paste),
// alt text, and deleting an item that posts still use.
const plural = (n: number, one: string, many: string) => `${new Intl.NumberFormat("en").format(n)} ${n === 1 ? one : many}`;

export const media = {
  nav: "Media",
  title: "Media library",
  intro: "Pictures and videos for this workspace's posts. Each one needs alt text: what a person who cannot see it should hear.",
  empty: "No media yet. Upload a picture or a video.",
  upload: {
    choose: "Choose files",
    drop: "Drop pictures or videos here, paste them, or choose files.",
    accepted: "JPEG, PNG, WebP, GIF, MP4 or MOV.",
    uploading: (name: string) => `Uploading ${name}`,
    done: (name: string) => `${name} uploaded.`,
    failed: (name: string, why: string) => `${name} was not uploaded: ${why}`,
    network: "the connection failed.",
  },
  kind: { IMAGE: "picture", GIF: "GIF", VIDEO: "video" },
  size: (bytes: number) => (bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1000))} kB` : `${new Intl.NumberFormat("en", { maximumFractionDigits: 1 }).format(bytes / 1_000_000)} MB`),
  dimensions: (width: number, height: number) => `${width} × ${height}`,
  alt: {
    label: "Alt text",
    hint: "Describe what matters in the picture, in a sentence or two.",
    missing: "No alt text yet",
    save: "Save alt text",
    saved: "Alt text saved.",
  },
  usedBy: (n: number) => (n ? `Used by ${plural(n, "post", "posts")}` : "Not used by any post"),
  unused: "Not used by any post.",
  delete: {
    button: "Delete",
    confirm: "Delete anyway",
    inUse: (n: number) => `${plural(n, "scheduled post uses", "scheduled posts use")} this item. Deleting it removes it from them; they will go out without it.`,
    deleted: (name: string) => `${name} deleted.`,
  },
  notFound: "This item is not in this workspace's library.",
  // The post editor's media of a variant.
  editor: {
    heading: "Pictures and videos",
    none: "None yet.",
    pick: "Pick from the library",
    add: (name: string) => `Add ${name}`,
    libraryEmpty: "The library is empty.",
    allAttached: "Everything in the library is attached already.",
    remove: "Remove",
    earlier: "Move earlier",
    item: (n: number, name: string) => `Item ${n}: ${name}`,
  },
};

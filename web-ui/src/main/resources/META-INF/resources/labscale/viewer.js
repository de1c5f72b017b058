/*
 * Labscale's image viewer: a canvas that shows a microscopy image by 256 x 256 tiles from a pyramid of resolutions
 * (level 0 = original pixels, each level halves both sides), so any image size pans and zooms smoothly and only the
 * visible tiles of one level are fetched. Tiles come from the UI server's proxy (ui-api/images/<id>/tiles/...), which
 * adds the session's token; they are composites of the shown channels, each with its colour and display range.
 *
 * Also: the pixel value of every channel under the cursor, a scale bar from the pixel size, and an annotation overlay
 * (the 3-class map: boundary and interior) as outlines or filled, with an opacity. A segmentation's label mask
 * (kind 'labels': label = red * 256 + green) is drawn the same way, one colour per cell when filled; a click on a cell
 * selects it (drawn highlighted, 'labscale-cell' event on the host) and selectCell() selects one from the server.
 * Overlays of images up to cfg.overlayMaxPixels are read whole; larger ones by overlay tiles of the image tiles'
 * geometry (spec.tiles + '/<level>/<x>/<y>.png', label = red * 256 + green, with a one-pixel margin of the
 * neighbouring tiles so outlines are right at tile edges), only the visible ones.
 *
 * The server side (ImageViewer.java) calls host.$viewer methods through a queue, so calls made before this script
 * has loaded are applied when it has. Tests read host.$viewer.stats and the canvas pixels.
 */
(function () {
    'use strict';
    const TILE = 256;
    const MAX_CACHED = 800;
    const OVERLAY_MAX_PIXELS = 64 * 1024 * 1024;
    const MAX_OVERLAY_TILES = 400;

    function maxLevel(w, h) {
        let z = 0;
        while (Math.ceil(w / 2 ** z) > TILE || Math.ceil(h / 2 ** z) > TILE) z++;
        return z;
    }

    function niceLength(target) {
        const p = 10 ** Math.floor(Math.log10(target));
        for (const m of [5, 2, 1]) if (m * p <= target) return m * p;
        return p;
    }

    function fmt(v) {
        if (v === null || v === undefined || Number.isNaN(v)) return 'NaN';
        return Number.isInteger(v) ? String(v) : v.toPrecision(5);
    }

    class Viewer {
        constructor(host, cfg) {
            this.host = host;
            this.cfg = cfg;
            this.base = 'ui-api/images/' + cfg.imageId;
            this.top = maxLevel(cfg.width, cfg.height);
            this.channels = [];
            this.frame = 0;
            this.overlay = null;
            this.cache = new Map();
            this.stats = {requested: [], loaded: 0, failed: 0, renders: 0, level: null, overlayTiles: 0};
            this.view = null;
            this.valueInFlight = false;
            this.wantedValue = null;

            host.style.position = 'relative';
            host.style.overflow = 'hidden';
            host.style.background = '#000';
            this.canvas = document.createElement('canvas');
            this.canvas.id = 'viewer-canvas';
            Object.assign(this.canvas.style, {width: '100%', height: '100%', display: 'block', touchAction: 'none',
                cursor: 'grab'});
            host.appendChild(this.canvas);
            this.status = document.createElement('div');
            this.status.id = 'viewer-status';
            Object.assign(this.status.style, {position: 'absolute', right: '8px', bottom: '8px', padding: '2px 8px',
                font: '12px monospace', color: '#fff', background: 'rgba(0,0,0,0.6)', borderRadius: '4px',
                pointerEvents: 'none', whiteSpace: 'pre'});
            host.appendChild(this.status);
            this.message = document.createElement('div');
            this.message.id = 'viewer-message';
            Object.assign(this.message.style, {position: 'absolute', left: '8px', top: '8px', padding: '2px 8px',
                font: '12px sans-serif', color: '#fff', background: 'rgba(0,0,0,0.6)', borderRadius: '4px',
                pointerEvents: 'none', display: 'none'});
            host.appendChild(this.message);

            new ResizeObserver(() => this.resize()).observe(host);
            this.listen();
            this.resize();
            this.flush();
        }

        /** Applies the calls queued by the server before the viewer existed. */
        flush() {
            const pending = this.host.$pending || [];
            this.host.$pending = [];
            for (const [method, arg] of pending) this[method](arg);
        }

        setChannels(channels) {
            this.channels = channels;
            this.draw();
        }

        setFrame(frame) {
            this.frame = frame;
            this.draw();
        }

        /** Shows another image of the same size (a series listed one image per frame), keeping the view. */
        setImage(imageId) {
            this.cfg.imageId = imageId;
            this.base = 'ui-api/images/' + imageId;
            this.draw();
        }

        /**
         * {url, tiles (optional: the overlay's tiles, for images above cfg.overlayMaxPixels), mode: 'outline' |
         * 'filled', opacity 0..1, kind: 'classes' (default) | 'labels', edges: 'yellow' (default) | 'own' (each
         * label's outline in its own colour, as tracks are drawn), palette: ['#rrggbb', ...] (optional: label l gets
         * palette[(l - 1) % length], else a golden-angle hue)} or null.
         */
        setOverlay(spec) {
            if (!spec) {
                this.overlay = null;
                this.draw();
                return;
            }
            const same = this.overlay && this.overlay.url === spec.url;
            const mode = spec.mode;
            this.overlay = Object.assign(same ? this.overlay : {canvas: null}, spec);
            if (same && (this.overlay.source || this.overlay.tiled)) {
                this.paintOverlay(mode);
                this.draw();
                return;
            }
            if (this.cfg.width * this.cfg.height > (this.cfg.overlayMaxPixels || OVERLAY_MAX_PIXELS)) {
                if (!spec.tiles) {
                    this.say('The overlay of an image this large cannot be drawn in the browser.');
                    return;
                }
                this.overlay.tiled = new Map();
                this.draw();
                return;
            }
            const wanted = this.overlay;
            fetch(spec.url, {credentials: 'same-origin'}).then(r => {
                if (!r.ok) throw new Error('HTTP ' + r.status);
                return r.blob();
            }).then(b => createImageBitmap(b, {colorSpaceConversion: 'none', premultiplyAlpha: 'none'})).then(bitmap => {
                if (this.overlay !== wanted) return;
                const c = document.createElement('canvas');
                c.width = bitmap.width;
                c.height = bitmap.height;
                const g = c.getContext('2d', {willReadFrequently: true});
                g.drawImage(bitmap, 0, 0);
                wanted.source = g.getImageData(0, 0, c.width, c.height);
                wanted.canvas = c;
                if (wanted.kind === 'labels') wanted.labels = decodeLabels(wanted.source);
                this.paintOverlay(wanted.mode);
                this.draw();
            }).catch(e => this.say('The annotation overlay could not be loaded (' + e.message + ').'));
        }

        /** Class map -> RGBA: boundary (1) yellow; interior (2, 3, ...) coloured when filled, clear for outlines. */
        paintOverlay(mode) {
            const o = this.overlay;
            if (o && o.tiled) { // tiles are painted again when next drawn
                o.paintedMode = mode;
                for (const t of o.tiled.values()) t.painted = null;
                return;
            }
            if (!o || !o.source) return;
            if (o.labels) {
                o.canvas.getContext('2d').putImageData(paintLabels(o.labels, o.source.width, o.source.height, mode,
                    this.selected || 0, o.edges === 'own', o.palette), 0, 0);
                o.paintedMode = mode;
                return;
            }
            const src = o.source.data;
            const out = new ImageData(o.source.width, o.source.height);
            const d = out.data;
            for (let i = 0; i < src.length; i += 4) {
                const cls = src[i];
                if (cls === 1) {
                    d[i] = 255; d[i + 1] = 220; d[i + 2] = 0; d[i + 3] = 255;
                } else if (cls >= 2 && mode === 'filled') {
                    const c = CLASS_INTERIOR[(cls - 2) % CLASS_INTERIOR.length];
                    d[i] = c[0]; d[i + 1] = c[1]; d[i + 2] = c[2]; d[i + 3] = 255;
                }
            }
            o.canvas.getContext('2d').putImageData(out, 0, 0);
            o.paintedMode = mode;
        }

        /** {label: 'its measurements in words'} for the cells of the label overlay, shown when hovered; null: none. */
        setCellInfo(info) {
            this.cellInfo = info || {};
        }

        /** Selects cell {label} (0 or null: none) and, when {x, y} is out of sight, centres the view on it. */
        selectCell(spec) {
            this.selected = spec && spec.label ? spec.label : 0;
            this.stats.selectedCell = this.selected;
            if (this.selected && spec.x !== undefined && this.view) { // none selected: the view stays
                const v = this.view, w = this.host.clientWidth, h = this.host.clientHeight;
                if (Math.abs(spec.x - v.cx) * v.scale > w / 2 - 20 || Math.abs(spec.y - v.cy) * v.scale > h / 2 - 20) {
                    v.cx = spec.x;
                    v.cy = spec.y;
                }
            }
            if (this.hasLabels()) this.paintOverlay(this.overlay.mode);
            this.draw();
        }

        /** Whether the overlay is a segmentation's labels (cells can be pointed at). */
        hasLabels() {
            const o = this.overlay;
            return !!o && (o.tiled ? o.kind === 'labels' : !!o.labels);
        }

        /**
         * The label of the segmentation overlay at image pixel (x, y), 0 for background or without labels; a tiled
         * overlay answers from its loaded tile at the shown level (0 while that tile loads).
         */
        labelAt(x, y) {
            const o = this.overlay;
            if (!this.hasLabels() || x < 0 || y < 0 || x >= this.cfg.width || y >= this.cfg.height) return 0;
            if (!o.tiled) return x < o.source.width && y < o.source.height ? o.labels[y * o.source.width + x] : 0;
            const z = this.stats.level || 0, lx = Math.floor(x / 2 ** z), ly = Math.floor(y / 2 ** z);
            const tx = Math.floor(lx / TILE), ty = Math.floor(ly / TILE);
            const t = o.tiled.get(o.tiles + '/' + z + '/' + tx + '/' + ty + '.png');
            if (!t || !t.labels) return 0;
            return t.labels[(ly - ty * TILE + 1) * t.width + (lx - tx * TILE + 1)];
        }

        say(text) {
            this.message.textContent = text || '';
            this.message.style.display = text ? 'block' : 'none';
        }

        resize() {
            const dpr = window.devicePixelRatio || 1;
            const w = this.host.clientWidth, h = this.host.clientHeight;
            if (w === 0 || h === 0) return;
            this.canvas.width = Math.round(w * dpr);
            this.canvas.height = Math.round(h * dpr);
            if (!this.view) this.fit();
            this.draw();
        }

        fit() {
            const w = this.host.clientWidth, h = this.host.clientHeight;
            const scale = Math.min(w / this.cfg.width, h / this.cfg.height) * 0.95;
            this.view = {scale: scale, cx: this.cfg.width / 2, cy: this.cfg.height / 2};
        }

        /** Zooms by {@code factor} keeping the image point under screen point (sx, sy) in place. */
        zoomAt(factor, sx, sy) {
            const v = this.view;
            const w = this.host.clientWidth, h = this.host.clientHeight;
            const ix = v.cx + (sx - w / 2) / v.scale, iy = v.cy + (sy - h / 2) / v.scale;
            const fitScale = Math.min(w / this.cfg.width, h / this.cfg.height);
            const scale = Math.min(64, Math.max(fitScale / 4, v.scale * factor));
            v.cx = ix - (sx - w / 2) / scale;
            v.cy = iy - (sy - h / 2) / scale;
            v.scale = scale;
            this.draw();
        }

        listen() {
            const c = this.canvas;
            c.addEventListener('wheel', e => {
                e.preventDefault();
                const r = c.getBoundingClientRect();
                this.zoomAt(Math.pow(1.0015, -e.deltaY), e.clientX - r.left, e.clientY - r.top);
            }, {passive: false});
            c.addEventListener('dblclick', e => {
                const r = c.getBoundingClientRect();
                this.zoomAt(e.shiftKey ? 0.5 : 2, e.clientX - r.left, e.clientY - r.top);
            });
            let drag = null;
            c.addEventListener('pointerdown', e => {
                drag = {x: e.clientX, y: e.clientY, cx: this.view.cx, cy: this.view.cy, moved: false};
                c.setPointerCapture(e.pointerId);
                c.style.cursor = 'grabbing';
            });
            c.addEventListener('pointermove', e => {
                if (drag) {
                    drag.moved = drag.moved || Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 4;
                    this.view.cx = drag.cx - (e.clientX - drag.x) / this.view.scale;
                    this.view.cy = drag.cy - (e.clientY - drag.y) / this.view.scale;
                    this.draw();
                }
                const r = c.getBoundingClientRect();
                this.pointAt(e.clientX - r.left, e.clientY - r.top);
            });
            const end = () => {
                drag = null;
                c.style.cursor = 'grab';
            };
            c.addEventListener('pointerup', e => {
                if (drag && !drag.moved && this.hasLabels()) {
                    const r = c.getBoundingClientRect(), p = this.imagePoint(e.clientX - r.left, e.clientY - r.top);
                    const label = this.labelAt(p.x, p.y);
                    this.selectCell({label: label});
                    this.host.dispatchEvent(new CustomEvent('labscale-cell', {detail: {label: label}}));
                }
                end();
            });
            c.addEventListener('pointercancel', end);
            c.addEventListener('pointerleave', () => {
                this.status.textContent = '';
                this.wantedValue = null;
            });
        }

        /** The image pixel under screen point (sx, sy). */
        imagePoint(sx, sy) {
            const v = this.view;
            const w = this.host.clientWidth, h = this.host.clientHeight;
            return {x: Math.floor(v.cx + (sx - w / 2) / v.scale), y: Math.floor(v.cy + (sy - h / 2) / v.scale)};
        }

        /** Shows the pixel under screen point (sx, sy) and fetches its values (one request in flight at most). */
        pointAt(sx, sy) {
            const {x, y} = this.imagePoint(sx, sy);
            if (x < 0 || y < 0 || x >= this.cfg.width || y >= this.cfg.height) {
                this.status.textContent = '';
                this.wantedValue = null;
                return;
            }
            this.wantedValue = {x: x, y: y, frame: this.frame};
            if (!this.status.textContent.startsWith('x ' + x + ', y ' + y + ' ')) {
                this.status.textContent = 'x ' + x + ', y ' + y + ' ';
            }
            this.fetchValue();
        }

        fetchValue() {
            if (this.valueInFlight || !this.wantedValue) return;
            const p = this.wantedValue;
            this.valueInFlight = true;
            fetch(this.base + '/values?x=' + p.x + '&y=' + p.y + '&frame=' + p.frame, {credentials: 'same-origin'})
                .then(r => r.ok ? r.json() : null)
                .then(json => {
                    this.valueInFlight = false;
                    const now = this.wantedValue;
                    if (json && now && now.x === p.x && now.y === p.y) {
                        const names = this.cfg.channelNames;
                        const cell = this.labelAt(p.x, p.y);
                        this.status.textContent = 'x ' + p.x + ', y ' + p.y + '  ' + json.values
                            .map((v, i) => (names[i] || 'channel ' + (i + 1)) + ' ' + fmt(v)).join('  ')
                            + (cell ? '  cell ' + cell + (this.cellInfo && this.cellInfo[cell]
                                ? ': ' + this.cellInfo[cell] : '') : '');
                    } else if (now && (now.x !== p.x || now.y !== p.y)) {
                        this.fetchValue();
                    }
                })
                .catch(() => {
                    this.valueInFlight = false;
                });
        }

        query() {
            const shown = this.channels.filter(c => c.visible);
            if (shown.length === 0) return null;
            const q = ['frame=' + this.frame];
            for (const c of shown) {
                q.push('channel=' + c.index, 'min=' + c.min, 'max=' + c.max, 'color=' + c.color);
            }
            return q.join('&');
        }

        /** The cached tile, starting its download when absent; a 503 (tiles being prepared) retries in 2 s. */
        tile(q, z, x, y) {
            const url = this.base + '/tiles/' + z + '/' + x + '/' + y + '.png?' + q;
            let t = this.cache.get(url);
            if (t) {
                t.used = performance.now();
                return t;
            }
            t = {bitmap: null, used: performance.now(), failed: false};
            this.cache.set(url, t);
            this.load(url, t);
            this.evict();
            return t;
        }

        load(url, t) {
            if (this.stats.requested.length < 5000) this.stats.requested.push(url);
            fetch(url, {credentials: 'same-origin'}).then(r => {
                if (r.status === 503) {
                    this.say('Preparing the tiles of this image\u2026');
                    setTimeout(() => this.load(url, t), 2000);
                    return null;
                }
                if (!r.ok) throw new Error('HTTP ' + r.status);
                return r.blob().then(b => createImageBitmap(b)).then(bitmap => {
                    t.bitmap = bitmap;
                    this.stats.loaded++;
                    this.say('');
                    this.draw();
                });
            }).catch(() => {
                t.failed = true;
                this.stats.failed++;
            });
        }

        evict() {
            if (this.cache.size <= MAX_CACHED) return;
            const entries = [...this.cache.entries()].sort((a, b) => a[1].used - b[1].used);
            for (let i = 0; i < entries.length - MAX_CACHED; i++) {
                const [url, t] = entries[i];
                if (t.bitmap) t.bitmap.close();
                this.cache.delete(url);
            }
        }

        draw() {
            if (this.pending) return;
            this.pending = requestAnimationFrame(() => {
                this.pending = null;
                this.render();
            });
        }

        render() {
            const dpr = window.devicePixelRatio || 1;
            const ctx = this.canvas.getContext('2d');
            const w = this.host.clientWidth, h = this.host.clientHeight;
            ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
            ctx.fillStyle = '#000';
            ctx.fillRect(0, 0, w, h);
            if (!this.view) return;
            this.stats.renders++;
            const v = this.view;
            const x0 = v.cx - w / 2 / v.scale, y0 = v.cy - h / 2 / v.scale;
            const q = this.query();
            const z = Math.max(0, Math.min(this.top, Math.floor(Math.log2(1 / v.scale))));
            this.stats.level = z;
            if (q) {
                const f = 2 ** z, span = TILE * f;
                const cols = Math.ceil(Math.ceil(this.cfg.width / f) / TILE);
                const rows = Math.ceil(Math.ceil(this.cfg.height / f) / TILE);
                const tx0 = Math.max(0, Math.floor(x0 / span)), tx1 = Math.min(cols - 1, Math.floor((x0 + w / v.scale) / span));
                const ty0 = Math.max(0, Math.floor(y0 / span)), ty1 = Math.min(rows - 1, Math.floor((y0 + h / v.scale) / span));
                ctx.imageSmoothingEnabled = v.scale * f < 1;
                for (let ty = ty0; ty <= ty1; ty++) {
                    for (let tx = tx0; tx <= tx1; tx++) {
                        const t = this.tile(q, z, tx, ty);
                        if (t.bitmap) {
                            this.put(ctx, t.bitmap, 0, 0, t.bitmap.width, t.bitmap.height, tx * span, ty * span, f, x0, y0);
                        } else {
                            this.fallback(ctx, q, z, tx, ty, x0, y0);
                        }
                    }
                }
            }
            const o = this.overlay;
            if (o && o.tiled && o.opacity > 0) {
                this.renderOverlayTiles(ctx, z, x0, y0, w, h);
            } else if (o && o.canvas && o.opacity > 0) {
                ctx.imageSmoothingEnabled = false;
                ctx.globalAlpha = o.opacity;
                ctx.drawImage(o.canvas, (0 - x0) * v.scale, (0 - y0) * v.scale, this.cfg.width * v.scale,
                    this.cfg.height * v.scale);
                ctx.globalAlpha = 1;
            }
            this.scaleBar(ctx, h);
        }

        /**
         * Draws the visible overlay tiles of level z, fetching those not loaded yet. They are put opaque on one layer,
         * which is then drawn with the opacity: drawn one by one, the half pixel by which neighbours overlap (to hide
         * seams) would be blended twice.
         */
        renderOverlayTiles(ctx, z, x0, y0, w, h) {
            const o = this.overlay, v = this.view, f = 2 ** z, span = TILE * f;
            const cols = Math.ceil(Math.ceil(this.cfg.width / f) / TILE);
            const rows = Math.ceil(Math.ceil(this.cfg.height / f) / TILE);
            const tx0 = Math.max(0, Math.floor(x0 / span)), tx1 = Math.min(cols - 1, Math.floor((x0 + w / v.scale) / span));
            const ty0 = Math.max(0, Math.floor(y0 / span)), ty1 = Math.min(rows - 1, Math.floor((y0 + h / v.scale) / span));
            const layer = this.overlayLayer || (this.overlayLayer = document.createElement('canvas'));
            if (layer.width !== this.canvas.width || layer.height !== this.canvas.height) {
                layer.width = this.canvas.width;
                layer.height = this.canvas.height;
            }
            const lc = layer.getContext('2d'), dpr = window.devicePixelRatio || 1;
            lc.setTransform(1, 0, 0, 1, 0, 0);
            lc.clearRect(0, 0, layer.width, layer.height);
            lc.setTransform(dpr, 0, 0, dpr, 0, 0);
            lc.imageSmoothingEnabled = false;
            for (let ty = ty0; ty <= ty1; ty++) {
                for (let tx = tx0; tx <= tx1; tx++) {
                    const t = this.overlayTile(o, z, tx, ty);
                    if (!t.labels) continue;
                    if (!t.painted) {
                        t.painted = document.createElement('canvas');
                        t.painted.width = t.width - 2;
                        t.painted.height = t.height - 2;
                        t.painted.getContext('2d').putImageData(paintLabels(t.labels, t.width, t.height, o.mode,
                            o.kind === 'labels' ? this.selected || 0 : 0, o.edges === 'own', o.palette,
                            o.kind !== 'labels', true), 0, 0);
                    }
                    this.put(lc, t.painted, 0, 0, t.width - 2, t.height - 2, tx * span, ty * span, f, x0, y0);
                }
            }
            ctx.save();
            ctx.setTransform(1, 0, 0, 1, 0, 0);
            ctx.globalAlpha = o.opacity;
            ctx.drawImage(layer, 0, 0);
            ctx.restore();
        }

        /** The overlay's tile, starting its download when absent; the least recently used go past MAX_OVERLAY_TILES. */
        overlayTile(o, z, tx, ty) {
            const url = o.tiles + '/' + z + '/' + tx + '/' + ty + '.png';
            let t = o.tiled.get(url);
            if (t) {
                t.used = performance.now();
                return t;
            }
            t = {labels: null, width: 0, height: 0, painted: null, used: performance.now()};
            o.tiled.set(url, t);
            this.stats.overlayTiles++;
            fetch(url, {credentials: 'same-origin'}).then(r => {
                if (!r.ok) throw new Error('HTTP ' + r.status);
                return r.blob();
            }).then(b => createImageBitmap(b, {colorSpaceConversion: 'none', premultiplyAlpha: 'none'})).then(bitmap => {
                const c = document.createElement('canvas');
                c.width = bitmap.width;
                c.height = bitmap.height;
                const g = c.getContext('2d', {willReadFrequently: true});
                g.drawImage(bitmap, 0, 0);
                bitmap.close();
                t.width = c.width;
                t.height = c.height;
                t.labels = decodeLabels(g.getImageData(0, 0, c.width, c.height));
                if (this.overlay === o) this.draw();
            }).catch(e => {
                o.tiled.delete(url);
                this.say('The overlay could not be loaded (' + e.message + ').');
            });
            if (o.tiled.size > MAX_OVERLAY_TILES) {
                const oldest = [...o.tiled.entries()].sort((a, b) => a[1].used - b[1].used);
                for (let i = 0; i < oldest.length - MAX_OVERLAY_TILES; i++) o.tiled.delete(oldest[i][0]);
            }
            return t;
        }

        /** Draws part (sx, sy, sw, sh) of a level-f bitmap whose origin is image pixel (ix, iy). */
        put(ctx, bitmap, sx, sy, sw, sh, ix, iy, f, x0, y0) {
            const s = this.view.scale;
            // half a screen pixel of overlap hides seams between neighbouring tiles
            ctx.drawImage(bitmap, sx, sy, sw, sh, (ix - x0) * s, (iy - y0) * s, sw * f * s + 0.5, sh * f * s + 0.5);
        }

        /** While a tile loads, shows the part of a coarser cached tile that covers it, if any. */
        fallback(ctx, q, z, tx, ty, x0, y0) {
            for (let up = z + 1; up <= this.top; up++) {
                const k = 2 ** (up - z);
                const url = this.base + '/tiles/' + up + '/' + Math.floor(tx / k) + '/' + Math.floor(ty / k) + '.png?' + q;
                const t = this.cache.get(url);
                if (t && t.bitmap) {
                    const sub = TILE / k, sx = (tx % k) * sub, sy = (ty % k) * sub;
                    const sw = Math.min(sub, t.bitmap.width - sx), sh = Math.min(sub, t.bitmap.height - sy);
                    if (sw > 0 && sh > 0) {
                        const f = 2 ** up;
                        this.put(ctx, t.bitmap, sx, sy, sw, sh, tx * TILE * 2 ** z, ty * TILE * 2 ** z, f, x0, y0);
                    }
                    return;
                }
            }
        }

        scaleBar(ctx, h) {
            const um = this.cfg.pixelSizeUm;
            if (!um) return;
            const umPerPx = um / this.view.scale;
            const length = niceLength(120 * umPerPx);
            const px = length / umPerPx;
            const label = length >= 1000 ? (length / 1000) + ' mm' : length + ' \u00b5m';
            ctx.fillStyle = '#fff';
            ctx.shadowColor = 'rgba(0,0,0,0.8)';
            ctx.shadowBlur = 3;
            ctx.fillRect(16, h - 24, px, 5);
            ctx.font = '12px sans-serif';
            ctx.fillText(label, 16, h - 30);
            ctx.shadowBlur = 0;
            this.stats.scaleBar = label;
        }
    }

    /** Labels from a label map PNG's pixels: red is the high byte, green the low byte. */
    function decodeLabels(image) {
        const d = image.data, out = new Uint16Array(image.width * image.height);
        for (let i = 0, p = 0; p < out.length; i += 4, p++) out[p] = d[i] << 8 | d[i + 1];
        return out;
    }

    /** '#rrggbb' -> [r, g, b]. */
    function hexColour(hex) {
        const v = parseInt(hex.slice(1), 16);
        return [v >> 16 & 255, v >> 8 & 255, v & 255];
    }

    /** A distinct, bright colour per label (golden-angle hues), so neighbouring cells differ. */
    function labelColour(label) {
        const hue = (label * 137.508) % 360, s = 0.75, l = 0.55;
        const k = n => (n + hue / 30) % 12, a = s * Math.min(l, 1 - l);
        const f = n => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
        return [f(0), f(8), f(4)];
    }

    const CLASS_INTERIOR = [[0, 200, 255], [255, 80, 200], [120, 255, 120], [255, 160, 0]];

    /**
     * Label mask -> RGBA: a cell's edge pixels (a 4-neighbour with another label) yellow, its inside in its own
     * colour when filled (with ownEdges the edge too, so outlines alone tell the labels apart); the selected cell
     * filled cyan with a white edge, whatever the mode. With classes the values are a class map's classes instead:
     * 1 (boundary) yellow, 2.. (interiors) coloured when filled. With margin the outermost pixels only tell the
     * neighbours (an overlay tile's margin) and the result is (w - 2) x (h - 2).
     */
    function paintLabels(labels, w, h, mode, selected, ownEdges, palette, classes, margin) {
        const m = margin ? 1 : 0, ow = w - 2 * m;
        const out = new ImageData(ow, h - 2 * m), d = out.data, colours = new Map();
        for (let y = m; y < h - m; y++) {
            for (let x = m; x < w - m; x++) {
                const p = y * w + x, l = labels[p];
                if (l === 0) continue;
                const i = ((y - m) * ow + x - m) * 4;
                if (classes) {
                    const c = l === 1 ? [255, 220, 0]
                        : mode === 'filled' ? CLASS_INTERIOR[(l - 2) % CLASS_INTERIOR.length] : null;
                    if (c) {
                        d[i] = c[0]; d[i + 1] = c[1]; d[i + 2] = c[2]; d[i + 3] = 255;
                    }
                    continue;
                }
                const edge = x === 0 || y === 0 || x === w - 1 || y === h - 1 || labels[p - 1] !== l
                    || labels[p + 1] !== l || labels[p - w] !== l || labels[p + w] !== l;
                let c = null;
                if (l === selected) c = edge ? [255, 255, 255] : [0, 255, 255];
                else if (edge && !ownEdges) c = [255, 220, 0];
                else if (edge || mode === 'filled') {
                    c = colours.get(l);
                    if (!c) colours.set(l, c = palette ? hexColour(palette[(l - 1) % palette.length]) : labelColour(l));
                }
                if (c) {
                    d[i] = c[0]; d[i + 1] = c[1]; d[i + 2] = c[2]; d[i + 3] = 255;
                }
            }
        }
        return out;
    }

    window.labscaleViewer = {
        attach(host, cfg) {
            if (!host.$viewer) host.$viewer = new Viewer(host, cfg);
            return host.$viewer;
        }
    };
})();

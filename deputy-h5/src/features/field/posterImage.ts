import type { Deputy } from '@minqing/shared';

function loadImage(src: string) {
  return new Promise<HTMLImageElement>((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = reject;
    img.src = src;
  });
}

/**
 * The deputy's poster drawn on a canvas at A4 proportions (1240×1754, A4 at 150 dpi): the
 * red band, photo, name, level and station, the QR code and the slogan — what 保存图片 saves.
 */
export async function drawPoster(d: Deputy, qrDataUrl: string, slogan: string): Promise<HTMLCanvasElement> {
  const w = 1240;
  const h = 1754; // A4 at 150 dpi
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#c8161e';
  ctx.fillRect(0, 0, w, 300);
  ctx.fillStyle = '#fff';
  ctx.textAlign = 'center';
  ctx.font = 'bold 72px sans-serif';
  ctx.fillText('六码民情通', w / 2, 150);
  ctx.font = '40px sans-serif';
  ctx.fillText('人大代表联系群众', w / 2, 230);
  try {
    const photo = await loadImage(d.photoUrl);
    ctx.save();
    ctx.beginPath();
    ctx.arc(w / 2, 440, 130, 0, Math.PI * 2);
    ctx.clip();
    ctx.drawImage(photo, w / 2 - 130, 310, 260, 260);
    ctx.restore();
  } catch {
    /* no photo: the name still says who */
  }
  ctx.fillStyle = '#1a1a1a';
  ctx.font = 'bold 80px sans-serif';
  ctx.fillText(d.name, w / 2, 680);
  ctx.font = '40px sans-serif';
  ctx.fillStyle = '#646566';
  ctx.fillText(`${d.levelLabel} · ${d.regionName}`, w / 2, 750);
  if (d.stationName) ctx.fillText(d.stationName, w / 2, 810);
  const q = await loadImage(qrDataUrl);
  ctx.drawImage(q, w / 2 - 350, 860, 700, 700);
  ctx.fillStyle = '#c8161e';
  ctx.font = 'bold 56px sans-serif';
  ctx.fillText(slogan, w / 2, 1640);
  return canvas;
}

import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * PDFs are made with pdfmake in the PDF standard fonts (Helvetica), so no font files ship with the
 * app. pdfmake may fetch URLs and read local files named in a document: ours never name any, so
 * both are refused outright, and only the standard fonts' names get through the local-file check.
 */
const HELVETICA = {
	normal: 'Helvetica',
	bold: 'Helvetica-Bold',
	italics: 'Helvetica-Oblique',
	bolditalics: 'Helvetica-BoldOblique'
};
const STANDARD_FONTS = new Set(Object.values(HELVETICA));

pdfmake.setFonts({ Helvetica: HELVETICA });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => STANDARD_FONTS.has(path));

/** The styles our documents name (`caption`, `title`, `heading`…), the same in every PDF. */
export const PDF_STYLES: TDocumentDefinitions['styles'] = {
	caption: { fontSize: 11, color: '#505a5f' },
	title: { fontSize: 20, bold: true, margin: [0, 2, 0, 8] },
	heading: { fontSize: 15, bold: true, margin: [0, 14, 0, 6] },
	subheading: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
	tableHeader: { bold: true },
	muted: { color: '#505a5f' }
};

export async function renderPdf(document: TDocumentDefinitions): Promise<Uint8Array<ArrayBuffer>> {
	const buffer = await pdfmake
		.createPdf({
			pageSize: 'A4',
			pageMargins: [40, 40, 40, 50],
			...document,
			defaultStyle: { font: 'Helvetica', fontSize: 10, ...document.defaultStyle }
		})
		.getBuffer();
	return new Uint8Array(buffer);
}

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

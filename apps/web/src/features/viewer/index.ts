/** The diagnostic viewer (Cornerstone3D over our WADO-RS): component, handle and annotation JSON. */
export { Viewer, type ViewerHandle, type ViewerProps } from './Viewer';
export { selectHangingProtocol, type HangingLayout } from './hangingProtocol';
export { toViewerAnnotation } from './annotationJson';
export { AnnotationList } from './AnnotationList';
export { warmStudy, warmViewer } from './warm';
export { isTyping } from './keyboard';
